using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Rules;
using Flinq.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flinq.Server;

/// <summary>
/// Re-reads the server's configuration files without a restart, as <c>POST /-/reload</c> and SIGHUP do for Prometheus and
/// Alertmanager: the Alertmanager configuration file (when one is configured) into
/// <see cref="NotificationPipeline.Reload"/>, and the rule files into <see cref="RuleStore.Reload"/>. Each is
/// all-or-nothing: a file with an error keeps the running configuration of its kind, and the error is reported. The
/// server's own settings (listen address, tokens, data directory...) need a restart.
/// </summary>
internal sealed class ConfigReload
{
    private readonly NotificationPipeline _notifications;
    private readonly RuleStore _rules;
    private readonly ServerOptions _options;
    private readonly Lock _lock = new();

    public ConfigReload(NotificationPipeline notifications, RuleStore rules, ServerOptions options)
    {
        _notifications = notifications;
        _rules = rules;
        _options = options;
    }

    /// <summary>Reloads both; one reload at a time.</summary>
    public ReloadResult Reload()
    {
        lock (_lock)
        {
            var errors = new List<string>();
            var changes = new List<string>();
            if (_options.AlertmanagerConfig is { Length: > 0 } path)
            {
                try
                {
                    changes.Add(_notifications.Reload(File.ReadAllText(path))
                        ? $"{path}: reloaded"
                        : $"{path}: unchanged");
                }
                catch (Exception e) when (e is NotifyConfigException or IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{path}: {e.Message} (the running notification configuration is kept)");
                }
            }

            var ruleErrors = _rules.Reload();
            if (ruleErrors.Count > 0)
            {
                errors.AddRange(ruleErrors.Select(e => e + " (the running rules are kept)"));
            }
            else
            {
                changes.Add($"rules: version {_rules.Version}");
            }

            return new ReloadResult(errors, changes);
        }
    }

    /// <summary><c>POST /-/reload</c> (the write token when configured): 200 with what was reloaded, or 500 naming each error, as Alertmanager answers.</summary>
    public void Map(IEndpointRouteBuilder app) => app.MapPost("/-/reload", (HttpContext ctx) =>
    {
        if (!BearerAuth.CanWrite(ctx, _options))
        {
            BearerAuth.Challenge(ctx);
            return Results.Text("reloading the configuration requires the write token: send Authorization: Bearer <token>\n", statusCode: 401);
        }

        var result = Reload();
        return result.Succeeded
            ? Results.Text(string.Join('\n', result.Changes) + "\n")
            : Results.Text("failed to reload config:\n" + string.Join('\n', result.Errors) + "\n", statusCode: 500);
    });
}
