using System.Text;
using Flinq.Monitor.Rules;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flinq.Server.Rules;

/// <summary>
/// The rules REST API over a <see cref="RuleStore"/>: list, get (JSON or YAML), put (YAML or JSON body), delete,
/// validate, enable, disable, reload. Reads need the read token, changes the write token (when configured). Bodies
/// are limited to <see cref="MaxBodyBytes"/>. Validation failures answer 400 <c>{"errors":[{"line","column","path","message"}]}</c>
/// with every error; other failures <c>{"error":"..."}</c>.
/// </summary>
internal sealed partial class RuleEndpoints
{
    /// <summary>The largest rule body accepted (413 beyond).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly RuleStore _store;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public RuleEndpoints(RuleStore store, ServerOptions options, ServerMetrics metrics)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        var reads = app.MapGroup("/api/v1/rules").AddEndpointFilter((context, next) => Authorize(context, next, write: false));
        reads.MapGet("/", List);
        reads.MapGet("/{name}", Get);

        var writes = app.MapGroup("/api/v1/rules").AddEndpointFilter((context, next) => Authorize(context, next, write: true));
        writes.MapPost("/validate", (Func<HttpContext, Task<IResult>>)Validate);
        writes.MapPost("/reload", Reload);
        writes.MapPut("/{name}", Put);
        writes.MapDelete("/{name}", Delete);
        writes.MapPost("/{name}/enable", (string name) => SetEnabled(name, true));
        writes.MapPost("/{name}/disable", (string name) => SetEnabled(name, false));
    }

    private async ValueTask<object?> Authorize(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool write)
    {
        var ctx = context.HttpContext;
        string kind = write ? "write" : "read";
        if (!(write ? BearerAuth.CanWrite(ctx, _options) : BearerAuth.CanRead(ctx, _options)))
        {
            BearerAuth.Challenge(ctx);
            _metrics.Request("rules", 401);
            return Results.Json(new { error = $"this server requires a {kind} token: send Authorization: Bearer <token>" }, statusCode: 401);
        }

        var result = await next(context).ConfigureAwait(false);
        _metrics.Request("rules", result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200);
        return result;
    }

    private IResult List()
    {
        var rules = _store.List().Select(r => new
        {
            name = r.Rule.Name,
            kind = RuleKindName(r.Rule.Kind),
            enabled = r.Rule.Enabled,
            severity = r.Rule.Severity,
            source = r.Source == RuleSource.File ? "file" : "api",
            version = r.Version,
            yaml = RuleWriter.ToYaml(r.Rule),
        });
        return Results.Json(new { rules });
    }

    private IResult Get(HttpContext ctx, string name)
    {
        if (_store.Get(name) is not { } stored)
        {
            return Error(404, $"no rule named \"{name}\"");
        }

        return RuleResult(ctx, stored, 200);
    }

    private async Task<IResult> Put(HttpContext ctx, string name)
    {
        var (text, format, failure) = await ReadBodyAsync(ctx).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var parsed = RuleParser.ParseRule(text!, format, expectedName: name);
        if (!parsed.IsValid)
        {
            return Errors(parsed.Errors);
        }

        var result = _store.Put(parsed.Rules[0]);
        return result.Status switch
        {
            RuleWriteStatus.Conflict => Error(409, result.Reason!),
            RuleWriteStatus.Created => RuleResult(ctx, result.Rule!, 201),
            _ => RuleResult(ctx, result.Rule!, 200),
        };
    }

    private IResult Delete(string name)
    {
        var result = _store.Delete(name);
        return result.Status switch
        {
            RuleWriteStatus.Deleted => Results.NoContent(),
            RuleWriteStatus.NotFound => Error(404, result.Reason!),
            _ => Error(409, result.Reason!),
        };
    }

    private IResult SetEnabled(string name, bool enabled)
    {
        var result = _store.SetEnabled(name, enabled);
        return result.Status switch
        {
            RuleWriteStatus.NotFound => Error(404, result.Reason!),
            RuleWriteStatus.Conflict => Error(409, result.Reason!),
            _ => Results.Content(RuleWriter.ToJson(result.Rule!.Rule), "application/json", Encoding.UTF8, 200),
        };
    }

    private async Task<IResult> Validate(HttpContext ctx)
    {
        var (text, format, failure) = await ReadBodyAsync(ctx).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var parsed = RuleParser.ParseAny(text!, format);
        return Results.Json(new { valid = parsed.IsValid, errors = parsed.Errors.Select(ErrorBody) });
    }

    private IResult Reload()
    {
        var errors = _store.Reload();
        if (errors.Count > 0)
        {
            return Results.Json(new
            {
                errors = errors.Select(e => new { file = e.File, line = e.Error.Line, column = e.Error.Column, path = e.Error.Path, message = e.Error.Message }),
            }, statusCode: 400);
        }

        return Results.Json(new { reloaded = true, version = _store.Version });
    }
}
