using Flinq.Server.Configuration;

namespace Flinq.Server.Tests.Rules;

public sealed class RuleConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "flinq-config-" + Guid.NewGuid().ToString("N") + ".yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_RuleFiles_YamlListOrCommaSeparated()
    {
        File.WriteAllText(_file, "rule_files:\n  - /etc/flinq/a.yaml\n  - /etc/flinq/rules/*.yaml\n");
        ServerConfiguration.Load(["--config", _file], new Dictionary<string, string?>()).RuleFiles
            .Should().Equal("/etc/flinq/a.yaml", "/etc/flinq/rules/*.yaml");

        ServerConfiguration.Load(["--rule-files", "x.yaml, y.json"], new Dictionary<string, string?>()).RuleFiles
            .Should().Equal("x.yaml", "y.json");
        ServerConfiguration.Load([], new Dictionary<string, string?> { ["FLINQ_RULE_FILES"] = "z.yaml" }).RuleFiles
            .Should().Equal("z.yaml");
        ServerConfiguration.Load([], new Dictionary<string, string?>()).RuleFiles.Should().BeEmpty();
    }
}
