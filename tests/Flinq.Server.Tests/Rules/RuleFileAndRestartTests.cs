using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Rules;

/// <summary>Rule files in the data directory, API rules surviving a killed server, and <c>flinq rules check</c>.</summary>
public sealed class RuleFileAndRestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-rules-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task ApiRule_SurvivesKilledServer()
    {
        using (var first = await FlinqProcess.StartAsync(_data))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            using var put = await client.PutAsync("/api/v1/rules/HostDown", new StringContent("absence: {metric: heartbeat, group_by: [host], silent_for: 2m}\n", Encoding.UTF8, "application/yaml"));
            put.StatusCode.Should().Be(HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
            using var disable = await client.PostAsync("/api/v1/rules/HostDown/disable", null);
            disable.StatusCode.Should().Be(HttpStatusCode.OK);
            first.KillHard();
        }

        using var second = await FlinqProcess.StartAsync(_data);
        using var client2 = new HttpClient { BaseAddress = second.Address };
        using var get = await client2.GetAsync("/api/v1/rules/HostDown");
        var body = await get.Content.ReadAsStringAsync();
        get.StatusCode.Should().Be(HttpStatusCode.OK, body);
        get.Headers.GetValues("X-Flinq-Rule-Version").Should().Equal("2");
        var rule = JsonNode.Parse(body)!;
        rule["enabled"]!.GetValue<bool>().Should().BeFalse();
        rule["absence"]!["silent_for"]!.GetValue<string>().Should().Be("2m");
    }

    [Fact]
    public async Task FileRule_ListedReadOnly_AndReloaded()
    {
        var rulesDir = Path.Combine(_data, "rules");
        Directory.CreateDirectory(rulesDir);
        var file = Path.Combine(rulesDir, "infra.yaml");
        await File.WriteAllTextAsync(file, "rules:\n  - {name: HostDown, absence: {metric: heartbeat, silent_for: 2m}}\n");

        await using var server = await ServerFixture.StartAsync(o => o.DataDirectory = _data);
        var list = JsonNode.Parse(await server.Client.GetStringAsync("/api/v1/rules"))!["rules"]!.AsArray();
        list.Should().ContainSingle().Which!["source"]!.GetValue<string>().Should().Be("file");

        using var put = await server.Client.PutAsync("/api/v1/rules/HostDown", new StringContent("absence: {metric: up, silent_for: 1m}\n", Encoding.UTF8, "application/yaml"));
        put.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await put.Content.ReadAsStringAsync()).Should().Contain("cannot be changed through the API");
        using var delete = await server.Client.DeleteAsync("/api/v1/rules/HostDown");
        delete.StatusCode.Should().Be(HttpStatusCode.Conflict);

        await File.WriteAllTextAsync(file, "rules:\n  - {name: HostDown, absence: {metric: heartbeat, silent_for: 2x}}\n");
        using var badReload = await server.Client.PostAsync("/api/v1/rules/reload", null);
        badReload.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await badReload.Content.ReadAsStringAsync())!["errors"]!.AsArray().Should().ContainSingle().Subject!;
        (error["file"]!.GetValue<string>(), error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>()).Should().Be((file, 2, 63));

        await File.WriteAllTextAsync(file, "rules:\n  - {name: HostDown, absence: {metric: heartbeat, silent_for: 5m}}\n");
        using var reload = await server.Client.PostAsync("/api/v1/rules/reload", null);
        reload.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Server.Rules.Get("HostDown")!.Rule.Absence!.SilentFor.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Start_BadRuleFile_FailsWithPosition()
    {
        Directory.CreateDirectory(Path.Combine(_data, "rules"));
        await File.WriteAllTextAsync(Path.Combine(_data, "rules", "bad.yaml"), "rules:\n  - {name: A, absence: {metric: up}}\n");
        var act = () => ServerFixture.StartAsync(o => o.DataDirectory = _data);
        (await act.Should().ThrowAsync<Flinq.Monitor.Rules.RuleFileException>()).Which.Message.Should().Contain("bad.yaml:2:24: rules[0].absence.silent_for: missing required field \"silent_for\"");
    }

    [Fact]
    public async Task RulesCheck_Cli_PrintsFileLineColumn_AndExitCode()
    {
        Directory.CreateDirectory(_data);
        var good = Path.Combine(_data, "good.yaml");
        var bad = Path.Combine(_data, "bad.json");
        await File.WriteAllTextAsync(good, "rules:\n  - {name: A, absence: {metric: up, silent_for: 1m}}\n");
        await File.WriteAllTextAsync(bad, "{\"rules\": [\n  {\"name\": \"B\", \"log\": {\"window\": \"1m\", \"min_count\": 0}}\n]}\n");

        var (okCode, okOut, _) = await RunCli("rules", "check", good);
        okCode.Should().Be(0);
        okOut.Should().Contain("good.yaml: 1 rules OK");

        var (code, _, err) = await RunCli("rules", "check", good, bad);
        code.Should().Be(1);
        err.Should().Contain($"{bad}:2:54: rules[0].log.min_count: 0 is out of range");
    }

    private static async Task<(int Code, string Out, string Err)> RunCli(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(FlinqProcess.CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
