using Flinq.Examples.Common;
using Flinq.Examples.PromotionSales;

namespace Flinq.Examples.Tests.Common;

public sealed class JsonLinesSinkTests
{
    [Fact]
    public async Task WriteJsonLines_ToFile_WritesOneCamelCaseObjectPerLineWithKinds()
    {
        string path = Path.Combine(Path.GetTempPath(), $"flinq-examples-{Guid.NewGuid():N}.jsonl");
        try
        {
            var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
            SalesResult[] results =
            [
                new ProductMinuteSales("2026-01-01T00:00:00Z", "p1", "c", 1.50m, 2, 1, false),
                new TopProducts("2026-01-01T00:00:00Z", [new RankedProduct(1, "p1", "c", 1.50m, 2)], true),
            ];
            ExampleOutput.WriteJsonLines(env.FromCollection(results), new ExampleOptions { Output = path });

            await env.ExecuteAsync("sink test").WaitAsync(TimeSpan.FromSeconds(30));

            (await File.ReadAllLinesAsync(path)).Should().Equal(
                """{"kind":"sales","productId":"p1","category":"c","amount":1.50,"quantity":2,"orders":1,"minute":"2026-01-01T00:00:00Z","update":false}""",
                """{"kind":"top","top":[{"rank":1,"productId":"p1","category":"c","amount":1.50,"quantity":2}],"minute":"2026-01-01T00:00:00Z","update":true}""");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_MissingOrNullField_IsAFormatExceptionNamingIt()
    {
        var missing = () => Order.Parse("""{"orderId":"o","productId":"p","category":"c","amount":1,"ts":1}""");
        var nullId = () => Order.Parse("""{"orderId":"o","productId":null,"category":"c","amount":1,"quantity":1,"ts":1}""");
        var stringNumber = () => Order.Parse("""{"orderId":"o","productId":"p","category":"c","amount":"1","quantity":1,"ts":1}""");

        missing.Should().Throw<FormatException>().WithMessage("*quantity*");
        nullId.Should().Throw<FormatException>().WithMessage("*productId*");
        stringNumber.Should().Throw<FormatException>();
    }
}
