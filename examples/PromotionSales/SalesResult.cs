using System.Text.Json.Serialization;

namespace Flinq.Examples.PromotionSales;

/// <summary>
/// An output line of PromotionSales: <c>"kind":"sales"</c> (<see cref="ProductMinuteSales"/>) or
/// <c>"kind":"top"</c> (<see cref="TopProducts"/>). <see cref="Minute"/> is the minute's start in UTC (ISO 8601);
/// <see cref="Update"/> is true when a late order changed a minute already reported.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ProductMinuteSales), "sales")]
[JsonDerivedType(typeof(TopProducts), "top")]
public abstract record SalesResult(string Minute, bool Update)
{
    /// <summary>The minute's end in epoch milliseconds (exclusive); not written.</summary>
    [JsonIgnore]
    public long MinuteEnd { get; init; }
}

/// <summary>One product's sales in one minute: total amount, quantity and number of orders.</summary>
public sealed record ProductMinuteSales(string Minute, string ProductId, string Category, decimal Amount, long Quantity, long Orders, bool Update)
    : SalesResult(Minute, Update);

/// <summary>The top products of one minute by amount (ties: product id, ordinal), best first.</summary>
public sealed record TopProducts(string Minute, IReadOnlyList<RankedProduct> Top, bool Update) : SalesResult(Minute, Update);

/// <summary>One entry of <see cref="TopProducts"/>.</summary>
public sealed record RankedProduct(int Rank, string ProductId, string Category, decimal Amount, long Quantity);
