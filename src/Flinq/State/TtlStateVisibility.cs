namespace Flinq.State;

/// <summary>Whether expired state that was not removed yet can be read.</summary>
public enum TtlStateVisibility
{
    /// <summary>Expired entries are never returned (they read as absent and are removed).</summary>
    NeverReturnExpired,

    /// <summary>An expired entry is returned until a cleanup removes it.</summary>
    ReturnExpiredIfNotCleanedUp,
}
