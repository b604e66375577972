namespace Flinq.Operators;

/// <summary>
/// The lifecycle of an operator instance, driven by its task: <see cref="Open"/> before the first record,
/// <see cref="Finish"/> when all input has ended (emit what is buffered), <see cref="Close"/> always last,
/// after success, failure or cancellation. All calls come from the task's thread.
/// </summary>
internal interface IStreamOperator
{
    string Name { get; }

    void Open();

    void Finish();

    void Close();
}
