namespace Flinq.Monitor.Rules.Syntax;

/// <summary>What a scalar was written as: JSON types, or a YAML plain scalar whose type depends on what is expected.</summary>
internal enum ScalarKind
{
    /// <summary>A quoted string (YAML single/double quoted or block, JSON string).</summary>
    String,

    /// <summary>A YAML plain scalar: text, a number or a boolean depending on the field.</summary>
    Plain,

    /// <summary>A JSON number.</summary>
    Number,

    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>JSON <c>null</c>, or a YAML plain <c>null</c>, <c>~</c> or nothing.</summary>
    Null,
}
