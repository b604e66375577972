namespace Flinq.Cep.Dynamic;

/// <summary>
/// An update of the dynamic pattern set: add or replace the pattern <see cref="Id"/> with <see cref="Json"/> (a
/// <see cref="PatternDefinition"/>), or remove it when <see cref="Json"/> is null. Replacing or removing a pattern
/// drops its partial matches on every key.
/// </summary>
public sealed record PatternRule(string Id, string? Json)
{
    /// <summary>An add-or-replace update from a definition's JSON (its id is read from it).</summary>
    public static PatternRule Upsert(string json) => new(PatternDefinition.Parse(json).Id, json);

    /// <summary>A remove update.</summary>
    public static PatternRule Remove(string id) => new(id, null);
}
