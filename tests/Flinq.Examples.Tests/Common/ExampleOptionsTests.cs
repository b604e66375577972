using Flinq.Examples.Common;
using Flinq.Examples.Dedup;
using Flinq.Examples.ErrorLogAlert;
using Flinq.Examples.MachineDown;
using Flinq.Examples.PageViews;
using Flinq.Examples.PromotionSales;

namespace Flinq.Examples.Tests.Common;

public class ExampleOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_GivesDefaults()
    {
        ExampleOptions.TryParse([], [], [], out var options, out _).Should().BeTrue();

        options.Input.Should().BeNull();
        options.Output.Should().BeNull();
        options.MaxOutOfOrder.Should().Be(TimeSpan.FromSeconds(5));
        options.Parallelism.Should().Be(1);
        options.Seed.Should().Be(42);
        options.Describe().Should().Be("generated data");
    }

    [Fact]
    public void TryParse_AllCommonOptions_AreRead()
    {
        string[] args = ["--input", "-", "--output", "out.jsonl", "--max-out-of-order", "250ms", "--seed", "-3", "--parallelism", "2", "--count", "7", "--top", "3", "--approx"];

        ExampleOptions.TryParse(args, ["--top"], ["--approx"], out var options, out string error).Should().BeTrue(error);

        options.Should().BeEquivalentTo(new
        {
            Input = "-",
            Output = "out.jsonl",
            MaxOutOfOrder = TimeSpan.FromMilliseconds(250),
            Seed = -3,
            Parallelism = 2,
            Count = 7L,
        });
        options.Extra.Should().BeEquivalentTo(new Dictionary<string, string> { ["--top"] = "3", ["--approx"] = "" });
    }

    [Theory]
    [InlineData(new[] { "--nope" }, "unknown argument '--nope'")]
    [InlineData(new[] { "--input" }, "--input needs a value")]
    [InlineData(new[] { "--max-out-of-order", "5 seconds" }, "--max-out-of-order must be a duration*")]
    [InlineData(new[] { "--parallelism", "0" }, "--parallelism must be*")]
    [InlineData(new[] { "--kafka", "127.0.0.1:9092" }, "--kafka and --topic go together")]
    [InlineData(new[] { "--input", "/no/such/file.jsonl" }, "the input file '/no/such/file.jsonl' does not exist")]
    [InlineData(new[] { "--bench", "10", "--input", "-" }, "--bench generates its own events*")]
    public void TryParse_BadArguments_SaysWhy(string[] args, string message)
    {
        ExampleOptions.TryParse(args, [], [], out _, out string error).Should().BeFalse();

        error.Should().Match(message);
    }

    [Theory]
    [InlineData("5", 5_000)]
    [InlineData("5s", 5_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    public void TryParseDuration_Units_AreRead(string text, long ms)
    {
        ExampleOptions.TryParseDuration(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(ms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("s")]
    public void TryParseDuration_Garbage_IsRejected(string text) => ExampleOptions.TryParseDuration(text, out _).Should().BeFalse();

    [Fact]
    public void ExampleSpecificOptions_DefaultsAndErrors()
    {
        PageViewsOptions.TryParse([], out var pv, out _).Should().BeTrue();
        pv.Zone.Id.Should().Be("Asia/Shanghai");
        pv.Approximate.Should().BeFalse();
        PageViewsOptions.TryParse(["--tz", "Mars/Olympus"], out _, out string pvError).Should().BeFalse();
        pvError.Should().Contain("Mars/Olympus");

        PromotionSalesOptions.TryParse([], out var ps, out _).Should().BeTrue();
        ps.Top.Should().Be(10);
        ps.AllowedLateness.Should().Be(TimeSpan.FromMinutes(1));
        PromotionSalesOptions.TryParse(["--top", "0"], out _, out _).Should().BeFalse();

        ErrorLogAlertOptions.TryParse([], out var el, out _).Should().BeTrue();
        el.Threshold.Should().Be(10);
        ErrorLogAlertOptions.TryParse(["--pattern", "%{WORD:service}"], out _, out string elError).Should().BeFalse();
        elError.Should().Contain("must capture ts, level and service");

        MachineDownOptions.TryParse([], out var md, out _).Should().BeTrue();
        md.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        MachineDownOptions.TryParse(["--timeout", "0s"], out _, out _).Should().BeFalse();

        DedupOptions.TryParse([], out var dd, out _).Should().BeTrue();
        dd.Ttl.Should().Be(TimeSpan.FromHours(1));
        dd.IdField.Should().Be("id");
    }
}
