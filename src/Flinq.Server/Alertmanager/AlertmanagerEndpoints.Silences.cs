using System.Text.Json;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Silences;
using Flinq.Monitor.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Alertmanager;

/// <summary><c>/api/v2/silences</c> and <c>/api/v2/silence/{id}</c> over the pipeline's <see cref="ISilenceStore"/>.</summary>
internal sealed partial class AlertmanagerEndpoints
{
    private ISilenceStore Store => _pipeline.Silences
        ?? throw new BadRequestException("silences are not available: this server was started without a silence store");

    private IResult GetSilences(HttpRequest request)
    {
        var matchers = new List<LabelMatcher>();
        foreach (var f in request.Query["filter"])
        {
            try
            {
                matchers.AddRange(LabelMatcher.ParseList(f ?? string.Empty));
            }
            catch (FormatException e)
            {
                throw new BadRequestException("bad filter: " + e.Message);
            }
        }

        var now = Now;
        var silences = Store.List().Where(s => MatchesFilter(s, matchers))
            .OrderBy(s => s.StateAt(now) switch { SilenceState.Active => 0, SilenceState.Pending => 1, _ => 2 })
            .ThenBy(s => s.StateAt(now) switch
            {
                SilenceState.Active => s.EndsAt.Milliseconds,
                SilenceState.Pending => s.StartsAt.Milliseconds,
                _ => -s.EndsAt.Milliseconds,
            })
            .Select(s => ApiJson.Silence(s, now));
        return Results.Json(silences);
    }

    private async Task<IResult> PostSilenceAsync(HttpRequest request)
    {
        Silence silence;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
            silence = ApiJson.ParsePostableSilence(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new BadRequestException("body is not JSON: " + e.Message);
        }

        var store = Store;
        if (silence.Id.Length > 0 && store.Get(silence.Id) is null)
        {
            return Results.Json($"silence {silence.Id} not found", statusCode: 404);
        }

        try
        {
            return Results.Json(new { silenceID = store.Upsert(silence, Now) });
        }
        catch (ArgumentException e)
        {
            throw new BadRequestException(e.Message);
        }
    }

    private IResult GetSilence(string id) => Store.Get(id) is { } s
        ? Results.Json(ApiJson.Silence(s, Now))
        : Results.Json($"silence {id} not found", statusCode: 404);

    private IResult DeleteSilence(string id)
    {
        try
        {
            return Store.Expire(id, Now) ? Results.Ok() : Results.Json($"silence {id} not found", statusCode: 404);
        }
        catch (ArgumentException e)
        {
            throw new BadRequestException(e.Message);
        }
    }

    /// <summary>As Alertmanager: each filter matcher is checked against the value of the silence's matcher with the same name.</summary>
    private static bool MatchesFilter(Silence silence, List<LabelMatcher> filter)
    {
        foreach (var f in filter)
        {
            var m = silence.Matchers.FirstOrDefault(x => x.Name == f.Name);
            bool negative = f.Type is LabelMatchType.NotEqual or LabelMatchType.NotRegex;
            if ((!negative && m is null) || !f.Matches(m?.Value ?? string.Empty))
            {
                return false;
            }
        }

        return true;
    }
}
