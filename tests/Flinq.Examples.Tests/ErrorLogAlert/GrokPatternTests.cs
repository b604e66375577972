using Flinq.Examples.ErrorLogAlert;

namespace Flinq.Examples.Tests.ErrorLogAlert;

public class GrokPatternTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:01Z ERROR [checkout] payment failed: card declined", "checkout", "ERROR", "payment failed: card declined", 1_767_225_601_000L)]
    [InlineData("2026-01-01 08:00:01,250 fatal [auth-svc]", "auth-svc", "fatal", "", 1_767_254_401_250L)]
    [InlineData("2026-01-01T08:00:01+08:00   Warning   [search] slow", "search", "Warning", "slow", 1_767_225_601_000L)]
    public void Parse_RawLineWithDefaultPattern_ExtractsFields(string line, string service, string level, string message, long ts)
    {
        var e = LogEvent.Parse(line, GrokPattern.Compile(GrokPattern.DefaultLogLine));

        e.Should().Be(new LogEvent(service, level, message, ts));
    }

    [Fact]
    public void Parse_CustomPattern_UsesItsFields()
    {
        var grok = GrokPattern.Compile(@"%{IPV4:client} %{WORD:service} %{LOGLEVEL:level} %{TIMESTAMP_ISO8601:ts} %{GREEDYDATA:message}");

        var e = LogEvent.Parse("10.0.0.7 billing ERROR 2026-01-01T00:00:00Z boom", grok);

        e.Should().Be(new LogEvent("billing", "ERROR", "boom", 1_767_225_600_000));
        grok.Fields.Should().Equal("client", "service", "level", "ts", "message");
    }

    [Theory]
    [InlineData("no timestamp ERROR [x] y", "grok pattern matches")]
    [InlineData("{\"service\":\"x\",\"level\":\"ERROR\"}", "message")]
    public void Parse_BadLine_ThrowsFormatExceptionWithReason(string line, string reason)
    {
        var act = () => LogEvent.Parse(line, GrokPattern.Compile(GrokPattern.DefaultLogLine));

        act.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Compile_UnknownPattern_NamesIt()
    {
        var act = () => GrokPattern.Compile("%{NOPE:x}");

        act.Should().Throw<ArgumentException>().WithMessage("*%{NOPE}*");
    }
}
