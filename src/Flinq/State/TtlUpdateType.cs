namespace Flinq.State;

/// <summary>Which accesses refresh the time-to-live of a state entry.</summary>
public enum TtlUpdateType
{
    /// <summary>Creating and writing an entry refresh its time; reading does not.</summary>
    OnCreateAndWrite,

    /// <summary>Reading an entry refreshes its time as well.</summary>
    OnReadAndWrite,
}
