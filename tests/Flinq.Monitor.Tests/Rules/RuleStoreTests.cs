using Flinq.Monitor.Rules;

namespace Flinq.Monitor.Tests.Rules;

public sealed class RuleStoreTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-rulestore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private RuleStore Open(params string[] files) => RuleStore.Open(new RuleStoreOptions { DataDirectory = _data, RuleFiles = files });

    private static AlertRule Rule(string name, string metric = "up") =>
        RuleParser.ParseRule($"name: {name}\nabsence: {{metric: {metric}, silent_for: 1m}}\n", RuleFormat.Yaml).Rules[0];

    private void WriteRuleFile(string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(_data, "rules"));
        File.WriteAllText(Path.Combine(_data, "rules", name), text);
    }

    [Fact]
    public void Put_Delete_VersionsIncreaseAndChangesArePublished()
    {
        var store = Open();
        var changes = new List<RuleChange>();
        using var subscription = store.Subscribe(changes.Add);

        store.Put(Rule("A")).Status.Should().Be(RuleWriteStatus.Created);
        store.Put(Rule("A")).Status.Should().Be(RuleWriteStatus.Unchanged);
        store.Put(Rule("A", "heartbeat")).Status.Should().Be(RuleWriteStatus.Updated);
        store.SetEnabled("A", false).Rule!.Rule.Enabled.Should().BeFalse();
        store.Delete("A").Status.Should().Be(RuleWriteStatus.Deleted);
        store.Delete("A").Status.Should().Be(RuleWriteStatus.NotFound);

        changes.Select(c => (c.Name, c.Rule is null, c.Version)).Should().Equal(("A", false, 1L), ("A", false, 2L), ("A", false, 3L), ("A", true, 4L));
        changes[1].Rule!.Absence!.Selector.MetricName.Should().Be("heartbeat");
        changes[2].Rule!.Enabled.Should().BeFalse();
        store.Version.Should().Be(4);
    }

    [Fact]
    public void Subscribe_ReplaysCurrentRulesAndDeletionsInVersionOrder()
    {
        var store = Open();
        store.Put(Rule("A"));
        store.Put(Rule("B"));
        store.Delete("A");
        store.Put(Rule("C"));

        var replay = new List<RuleChange>();
        using (store.Subscribe(replay.Add))
        {
            replay.Select(c => (c.Name, c.Rule is null, c.Version)).Should().Equal(("B", false, 2L), ("A", true, 3L), ("C", false, 4L));
        }

        store.Put(Rule("D"));
        replay.Should().HaveCount(3, "a disposed subscription gets nothing more");
    }

    [Fact]
    public void Open_AgainOnSameDirectory_KeepsApiRulesAndVersions()
    {
        var first = Open();
        first.Put(Rule("A"));
        first.Put(Rule("B") with { Enabled = false });
        first.Delete("A");

        var second = Open();
        second.Version.Should().Be(3);
        var rules = second.List();
        rules.Should().ContainSingle();
        rules[0].Should().Be(rules[0] with { Source = RuleSource.Api, Version = 2, File = null });
        rules[0].Rule.Enabled.Should().BeFalse();
        AlertRuleComparer.Instance.Equals(rules[0].Rule, Rule("B") with { Enabled = false }).Should().BeTrue();

        var replay = new List<RuleChange>();
        using var subscription = second.Subscribe(replay.Add);
        replay.Select(c => (c.Name, c.Version)).Should().Equal(("B", 2L), ("A", 3L));
        second.Put(Rule("C")).Rule!.Version.Should().Be(4);
        File.Exists(second.StatePath + ".tmp").Should().BeFalse();
    }

    [Fact]
    public void Open_FileRules_LoadedReadOnly()
    {
        WriteRuleFile("infra.yaml", "rules:\n  - {name: HostDown, absence: {metric: heartbeat, silent_for: 2m}}\n");
        var store = Open();
        var rule = store.Get("HostDown")!;
        rule.Source.Should().Be(RuleSource.File);
        rule.File.Should().EndWith(Path.Combine("rules", "infra.yaml"));

        var put = store.Put(Rule("HostDown"));
        put.Status.Should().Be(RuleWriteStatus.Conflict);
        put.Reason.Should().Contain("comes from the file").And.Contain("infra.yaml");
        store.Delete("HostDown").Status.Should().Be(RuleWriteStatus.Conflict);
        store.SetEnabled("HostDown", false).Status.Should().Be(RuleWriteStatus.Conflict);
    }

    [Fact]
    public void Open_FileChangedOrRemovedWhileDown_NewVersions()
    {
        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2m}}\n  - {name: B, absence: {metric: up, silent_for: 2m}}\n");
        Open().Version.Should().Be(2);

        Open().Version.Should().Be(2, "unchanged files are no change");

        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 5m}}\n");
        var store = Open();
        store.Version.Should().Be(4);
        var replay = new List<RuleChange>();
        using var subscription = store.Subscribe(replay.Add);
        replay.Select(c => (c.Name, c.Rule is null, c.Version)).Should().Equal(("A", false, 3L), ("B", true, 4L));
        replay[0].Rule!.Absence!.SilentFor.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Reload_BadFile_KeepsOldRulesAndReportsPositions()
    {
        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2m}}\n");
        var store = Open();
        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2x}}\n");

        var errors = store.Reload();
        errors.Should().ContainSingle();
        errors[0].ToString().Should().EndWith("a.yaml:2:49: rules[0].absence.silent_for: \"2x\" is not a duration (expected a unit (y, w, d, h, m, s, ms) at character 2); use e.g. 30s, 5m, 1h30m, 1d");
        store.Get("A")!.Rule.Absence!.SilentFor.Should().Be(TimeSpan.FromMinutes(2));
        store.Version.Should().Be(1);
    }

    [Fact]
    public void Reload_ChangedFile_PublishesUpdate()
    {
        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2m}}\n");
        var store = Open();
        var changes = new List<RuleChange>();
        using var subscription = store.Subscribe(changes.Add);
        WriteRuleFile("b.json", """{"rules": [{"name": "B", "absence": {"metric": "up", "silent_for": "1m"}}]}""");

        store.Reload().Should().BeEmpty();
        changes.Select(c => (c.Name, c.Version)).Should().Equal(("A", 1L), ("B", 2L));
    }

    [Fact]
    public void Open_BadFileOrDuplicateAcrossFiles_Throws()
    {
        WriteRuleFile("a.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2m}}\n");
        WriteRuleFile("b.yaml", "rules:\n  - {name: A, absence: {metric: up, silent_for: 2m}}\n");
        var extra = Path.Combine(_data, "missing.yaml");

        var act = () => Open(extra);
        var e = act.Should().Throw<RuleFileException>().Which;
        e.Errors.Should().HaveCount(2);
        e.Errors.Should().Contain(x => x.Error.Message.Contains("is also defined in", StringComparison.Ordinal));
        e.Errors.Should().Contain(x => x.File == extra && x.Error.Message == "the configured rule file does not exist");
    }

    [Fact]
    public void Open_ConfiguredPattern_ReadsMatchingFiles()
    {
        var dir = Path.Combine(_data, "etc");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "x.yaml"), "rules:\n  - {name: X, absence: {metric: up, silent_for: 2m}}\n");
        File.WriteAllText(Path.Combine(dir, "y.txt"), "not rules");

        Open(Path.Combine(dir, "*.yaml")).List().Select(r => r.Rule.Name).Should().Equal("X");
    }

    [Fact]
    public void Put_Concurrent_EveryChangeHasItsOwnVersion()
    {
        var store = Open();
        var versions = new System.Collections.Concurrent.ConcurrentBag<long>();
        using var subscription = store.Subscribe(c => versions.Add(c.Version));
        Parallel.For(0, 40, i => store.Put(Rule("R" + i)));

        versions.Order().Should().Equal(Enumerable.Range(1, 40).Select(i => (long)i));
        Open().List().Should().HaveCount(40);
    }
}
