namespace Flinq;

/// <summary>
/// A job failed. <see cref="Exception.InnerException"/> is the exception that failed it, unchanged;
/// <see cref="OperatorName"/> and <see cref="SubtaskIndex"/> say where it was thrown.
/// </summary>
public sealed class JobExecutionException : Exception
{
    public JobExecutionException(string jobName, string? operatorName, int subtaskIndex, Exception innerException)
        : base(FormatMessage(jobName, operatorName, subtaskIndex, innerException), innerException)
    {
        JobName = jobName;
        OperatorName = operatorName;
        SubtaskIndex = subtaskIndex;
    }

    /// <summary>The failed job's name.</summary>
    public string JobName { get; }

    /// <summary>The operator whose code threw, or null when the failure was outside any operator.</summary>
    public string? OperatorName { get; }

    /// <summary>The parallel instance that threw.</summary>
    public int SubtaskIndex { get; }

    private static string FormatMessage(string jobName, string? operatorName, int subtaskIndex, Exception inner) =>
        operatorName is null
            ? $"Job '{jobName}' failed: {inner.GetType().Name}: {inner.Message}"
            : $"Job '{jobName}' failed in operator '{operatorName}' (subtask {subtaskIndex}): {inner.GetType().Name}: {inner.Message}";
}
