namespace Flinq.Nexmark.Model;

/// <summary>Query 8's output: a person who registered and opened an auction in the same window starting at <see cref="WindowStart"/>.</summary>
public readonly record struct NewUser(long Id, string Name, long WindowStart);
