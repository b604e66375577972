using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Telemetry;

public sealed class SeverityTests
{
    [Theory]
    [InlineData(0, SeverityLevel.Unspecified)]
    [InlineData(1, SeverityLevel.Trace)]
    [InlineData(4, SeverityLevel.Trace)]
    [InlineData(5, SeverityLevel.Debug)]
    [InlineData(9, SeverityLevel.Info)]
    [InlineData(12, SeverityLevel.Info)]
    [InlineData(13, SeverityLevel.Warn)]
    [InlineData(17, SeverityLevel.Error)]
    [InlineData(20, SeverityLevel.Error)]
    [InlineData(21, SeverityLevel.Fatal)]
    [InlineData(24, SeverityLevel.Fatal)]
    [InlineData(25, SeverityLevel.Unspecified)]
    public void LevelOf_OtlpNumber_MapsToRange(int number, SeverityLevel level) => Severity.LevelOf(number).Should().Be(level);

    [Theory]
    [InlineData("ERROR", 17)]
    [InlineData("warning", 13)]
    [InlineData("Information", 9)]
    [InlineData("crit", 21)]
    [InlineData("debug", 5)]
    [InlineData("nonsense", 0)]
    [InlineData("a-very-long-level-word-indeed", 0)]
    public void NumberOf_LevelWord_MapsCaseInsensitively(string text, int number) => Severity.NumberOf(text).Should().Be(number);
}
