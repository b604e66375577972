using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Telemetry;

public sealed class IdTests
{
    [Fact]
    public void TraceId_HexAndBytes_RoundTrip()
    {
        TraceId.TryParse("5B8EFFF798038103D269B633813FC60C", out var id).Should().BeTrue();
        id.ToString().Should().Be("5b8efff798038103d269b633813fc60c");
        var bytes = new byte[16];
        id.WriteBytes(bytes);
        TraceId.TryFromBytes(bytes, out var back).Should().BeTrue();
        back.Should().Be(id);
    }

    [Fact]
    public void TraceId_WrongLength_Fails()
    {
        TraceId.TryFromBytes(new byte[15], out _).Should().BeFalse();
        TraceId.TryParse("abc", out _).Should().BeFalse();
        TraceId.TryParse("zz8efff798038103d269b633813fc60c", out _).Should().BeFalse();
    }

    [Fact]
    public void SpanId_HexAndBytes_RoundTrip()
    {
        SpanId.TryParse("eee19b7ec3c1b174", out var id).Should().BeTrue();
        var bytes = new byte[8];
        id.WriteBytes(bytes);
        SpanId.TryFromBytes(bytes, out var back).Should().BeTrue();
        back.ToString().Should().Be("eee19b7ec3c1b174");
        SpanId.TryFromBytes(new byte[7], out _).Should().BeFalse();
    }
}
