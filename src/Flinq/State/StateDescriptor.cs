namespace Flinq.State;

/// <summary>
/// Names a piece of keyed state and describes its type. The name identifies the state within its operator:
/// asking twice for the same name returns the same state.
/// </summary>
public abstract class StateDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    protected StateDescriptor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The state's name, unique within its operator.</summary>
    public string Name { get; }
}
