namespace Flinq.Operators;

/// <summary>
/// Tags an exception with the operator it passed through first, from an exception filter: the filter runs
/// during the first pass of exception dispatch and returns false, so the exception keeps propagating unchanged
/// and the hot path pays nothing. Chained operators nest, and the innermost frame — the operator that threw —
/// tags first.
/// </summary>
internal static class OperatorErrors
{
    private const string OperatorKey = "Flinq.Operator";

    public static bool Tag(Exception exception, string operatorName)
    {
        if (!exception.Data.Contains(OperatorKey))
        {
            exception.Data[OperatorKey] = operatorName;
        }

        return false;
    }

    public static string? OperatorOf(Exception exception) => exception.Data[OperatorKey] as string;
}
