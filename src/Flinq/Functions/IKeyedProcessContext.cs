namespace Flinq.Functions;

/// <summary>The context of a call of a keyed process function: adds the current key.</summary>
public interface IKeyedProcessContext<out TKey> : IProcessContext
{
    /// <summary>The key of the record (or timer) being processed.</summary>
    TKey CurrentKey { get; }
}
