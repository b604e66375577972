using Flinq.Examples.Common;

namespace Flinq.Examples.PromotionSales;

/// <summary>
/// One input line: <c>{"orderId":"o1","productId":"p1","category":"phones","amount":199.90,"quantity":1,"ts":1767225600000}</c>;
/// amount is the order's total (decimal, exact), ts epoch milliseconds.
/// </summary>
public sealed record Order(string OrderId, string ProductId, string Category, decimal Amount, int Quantity, long Ts)
{
    /// <summary>Parses a JSON line; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Order Parse(string line)
    {
        var order = JsonLines.Parse<Order>(line);
        if (order.ProductId.Length == 0)
        {
            throw new FormatException("productId must not be empty");
        }

        if (order.Amount < 0 || order.Quantity < 0)
        {
            throw new FormatException($"amount and quantity must not be negative (amount {order.Amount}, quantity {order.Quantity})");
        }

        return order;
    }
}
