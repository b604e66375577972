namespace Flinq.Monitor.Rules;

/// <summary>A comparison operator of a threshold rule: the alert is active while <c>value OP threshold</c> holds.</summary>
public enum Comparison
{
    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,
}
