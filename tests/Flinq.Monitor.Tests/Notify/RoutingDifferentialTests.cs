using System.Diagnostics;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Notify.Routing;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>
/// Flinq's routing against the real Alertmanager 0.25: for several routing trees and random label sets, the
/// receivers Flinq routes to equal what <c>amtool config routes test</c> prints (Debian's prometheus-alertmanager,
/// installed by ./test.sh).
/// </summary>
public sealed class RoutingDifferentialTests
{
    private const string Amtool = "/usr/bin/amtool";

    public static TheoryData<string> Trees() => new()
    {
        """
        route:
          receiver: default
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
              continue: true
            - match: {team: db}
              receiver: db
              routes:
                - match_re: {env: 'prod|staging'}
                  receiver: db-prod
            - matchers: ['team=~"web|api"', 'env!="dev"']
              receiver: web
        receivers: [{name: default}, {name: pager}, {name: db}, {name: db-prod}, {name: web}]
        """,
        """
        route:
          receiver: root
          routes:
            - matchers: ['env="prod"']
              receiver: prod
              continue: true
              routes:
                - matchers: ['severity=~"critical|warning"']
                  receiver: prod-alerts
                  continue: true
                - matchers: ['service="db"']
                  receiver: prod-db
            - matchers: ['service!~"db|api"']
              receiver: not-db-api
              continue: true
            - matchers: ['alertname="A"']
              receiver: a-alerts
            - matchers: ['alertname=~"A|B"']
              receiver: ab-alerts
        receivers: [{name: root}, {name: prod}, {name: prod-alerts}, {name: prod-db}, {name: not-db-api}, {name: a-alerts}, {name: ab-alerts}]
        """,
        """
        route:
          receiver: fallback
          routes:
            - matchers: ['team=""']
              receiver: unowned
            - matchers: ['severity!="info"', 'severity!=""']
              routes:
                - matchers: ['env="dev"']
                  receiver: dev
                - matchers: ['env=~"prod.*"']
                  receiver: prod
                  continue: true
                - matchers: ['service=~".+"']
                  receiver: any-service
            - match: {alertname: C}
              receiver: c
        receivers: [{name: fallback}, {name: unowned}, {name: dev}, {name: prod}, {name: any-service}, {name: c}]
        """,
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public async Task Receivers_EqualAmtool(string tree)
    {
        File.Exists(Amtool).Should().BeTrue($"{Amtool} is missing: install the Debian package prometheus-alertmanager (./test.sh does)");
        var file = Path.Combine(Path.GetTempPath(), "flinq-routes-" + Guid.NewGuid().ToString("N") + ".yml");
        await File.WriteAllTextAsync(file, tree);
        try
        {
            var root = Route.Build(new NotifyConfigParser([], TimeProvider.System).Parse(tree).Route);
            var random = new Random(tree.Length);
            string[][] pools =
            [
                ["alertname", "A", "B", "C"], ["severity", "critical", "warning", "info", ""], ["team", "db", "web", "api", ""],
                ["env", "prod", "staging", "dev", "production", ""], ["service", "db", "api", "cache", ""],
            ];
            var mismatches = new List<string>();
            for (int i = 0; i < 40; i++)
            {
                var pairs = new List<(string, string)>();
                foreach (var pool in pools)
                {
                    string value = pool[1 + random.Next(pool.Length - 1)];
                    if (value.Length > 0)
                    {
                        pairs.Add((pool[0], value));
                    }
                }

                var labels = Labels.FromPairs([.. pairs]);
                string flinq = string.Join(",", root.Match(labels).Select(r => r.Receiver));
                string amtool = await RunAmtoolAsync(file, pairs);
                if (flinq != amtool)
                {
                    mismatches.Add($"{labels}: flinq {flinq}, amtool {amtool}");
                }
            }

            mismatches.Should().BeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAmtoolAsync(string file, List<(string Name, string Value)> labels)
    {
        var info = new ProcessStartInfo(Amtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("config");
        info.ArgumentList.Add("routes");
        info.ArgumentList.Add("test");
        info.ArgumentList.Add("--config.file=" + file);
        foreach (var (name, value) in labels)
        {
            info.ArgumentList.Add(name + "=" + value);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.Should().Be(0, $"amtool failed: {await stderr}");
        return (await stdout).Trim();
    }
}
