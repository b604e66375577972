namespace Flinq.Nexmark.Model;

/// <summary>Which of the three Nexmark record types an <see cref="Event"/> carries.</summary>
public enum EventKind : byte
{
    /// <summary>A new person registered (<see cref="Event.Person"/>).</summary>
    Person,

    /// <summary>A new auction opened (<see cref="Event.Auction"/>).</summary>
    Auction,

    /// <summary>A bid on an auction (<see cref="Event.Bid"/>).</summary>
    Bid,
}
