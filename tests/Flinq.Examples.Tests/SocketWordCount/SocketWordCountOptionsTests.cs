using Flinq.Examples.SocketWordCount;

namespace Flinq.Examples.Tests.SocketWordCount;

public class SocketWordCountOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_UsesLocalhost9999()
    {
        SocketWordCountOptions.TryParse([], out var options, out _).Should().BeTrue();

        options.Should().Be(new SocketWordCountOptions("127.0.0.1", 9999));
    }

    [Fact]
    public void TryParse_HostAndPort_ReadsBoth()
    {
        SocketWordCountOptions.TryParse(["--port", "7000", "--host", "example.org"], out var options, out _).Should().BeTrue();

        options.Should().Be(new SocketWordCountOptions("example.org", 7000));
    }

    [Theory]
    [InlineData(new[] { "--port", "0" }, "--port must be a number from 1 to 65535, not '0'")]
    [InlineData(new[] { "--port", "65536" }, "--port must be a number from 1 to 65535, not '65536'")]
    [InlineData(new[] { "--port", "http" }, "--port must be a number from 1 to 65535, not 'http'")]
    [InlineData(new[] { "--host" }, "--host needs a value")]
    [InlineData(new[] { "--hots", "x" }, "unknown argument '--hots'")]
    public void TryParse_BadArguments_ReturnsFalseWithReason(string[] args, string expected)
    {
        SocketWordCountOptions.TryParse(args, out _, out string error).Should().BeFalse();

        error.Should().Be(expected);
    }
}
