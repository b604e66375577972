using Flinq.Server.Configuration;

namespace Flinq.Server.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "flinq-config-" + Guid.NewGuid().ToString("N") + ".yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_FlagsEnvFile_FlagsWinThenEnvThenFile()
    {
        File.WriteAllText(_file, "listen: 127.0.0.1:9001\ndata: /from/file\nretention: 2d\nqueue_capacity: 500\nwrite_token: file-token\n");
        var env = new Dictionary<string, string?> { ["FLINQ_CONFIG"] = _file, ["FLINQ_DATA"] = "/from/env", ["FLINQ_RETENTION"] = "36h", ["FLINQ_LISTEN"] = "127.0.0.1:9002" };

        var options = ServerConfiguration.Load(["--listen", "127.0.0.1:9003", "--max-body-bytes=1024"], env);

        options.Listen.Should().Be("127.0.0.1:9003");             // flag over env over file
        options.DataDirectory.Should().Be("/from/env");            // env over file
        options.Retention.Should().Be(TimeSpan.FromHours(36));
        options.QueueCapacity.Should().Be(500);                    // file over default
        options.WriteToken.Should().Be("file-token");
        options.MaxBodyBytes.Should().Be(1024);
        options.CommitTimeout.Should().Be(TimeSpan.FromSeconds(30)); // default
        options.ReadToken.Should().BeNull();
        options.CheckpointInterval.Should().Be(TimeSpan.FromSeconds(10)); // default
    }

    [Fact]
    public void Load_CheckpointInterval_FromFlag()
    {
        ServerConfiguration.Load(["--checkpoint-interval", "500ms"], new Dictionary<string, string?>()).CheckpointInterval.Should().Be(TimeSpan.FromMilliseconds(500));
        var act = () => ServerConfiguration.Load(["--checkpoint-interval", "0s"], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage("--checkpoint-interval: invalid value \"0s\"*positive*");
    }

    [Fact]
    public void Load_Nothing_Defaults()
    {
        var options = ServerConfiguration.Load([], new Dictionary<string, string?>());
        options.Listen.Should().Be("127.0.0.1:7700");
        options.DataDirectory.Should().Be("flinq-data");
    }

    [Fact]
    public void Load_UnknownYamlKey_NamesLineAndKnownKeys()
    {
        File.WriteAllText(_file, "listen: 127.0.0.1:9001\nretension: 2d\n");
        var act = () => ServerConfiguration.Load(["--config", _file], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage("*line 2*unknown setting \"retension\"*retention*");
    }

    [Fact]
    public void Load_AlertTiming_FromFileAndFlags()
    {
        File.WriteAllText(_file, "checkpoint_interval: 3s\n");
        var options = ServerConfiguration.Load(["--config", _file, "--alert-out-of-orderness", "1s"], new Dictionary<string, string?>());
        options.CheckpointInterval.Should().Be(TimeSpan.FromSeconds(3));
        options.AlertOutOfOrderness.Should().Be(TimeSpan.FromSeconds(1));
        ServerConfiguration.Load([], new Dictionary<string, string?>()).AlertOutOfOrderness.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("--alert-out-of-orderness", "0s", "--alert-out-of-orderness: invalid value \"0s\"*positive*")]
    [InlineData("--retention", "forever", "--retention: invalid value \"forever\"*")]
    [InlineData("--queue-capacity", "-5", "--queue-capacity: invalid value \"-5\"*")]
    [InlineData("--lisen", "x", "unknown flag --lisen*--listen*")]
    public void Load_BadFlag_MessageNamesIt(string flag, string value, string message)
    {
        var act = () => ServerConfiguration.Load([flag, value], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Load_BadEnvValue_NamesVariable()
    {
        var act = () => ServerConfiguration.Load([], new Dictionary<string, string?> { ["FLINQ_MAX_BODY_BYTES"] = "lots" });
        act.Should().Throw<FormatException>().WithMessage("FLINQ_MAX_BODY_BYTES: invalid value \"lots\"*");
    }
}
