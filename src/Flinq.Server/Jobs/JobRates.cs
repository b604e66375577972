
namespace Flinq.Server.Jobs;

/// <summary>
/// Rates from two snapshots of a job: the difference of each instance's counters over the difference of its
/// uptime (so a finished instance has rate 0, and the window is exactly the time the instance ran). A restart
/// in between (the counters started over) makes the rate the one since the restart.
/// </summary>
internal static class JobRates
{
    /// <summary>
    /// Rates over the sampler's last interval (<paramref name="older"/> → <paramref name="newer"/>); before the
    /// sampler has two snapshots, since the start (using <paramref name="current"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<SubtaskRates>> Between(JobMetrics? older, JobMetrics? newer, JobMetrics current)
    {
        if (older is null || newer is null)
        {
            (older, newer) = (null, current);
        }

        bool restarted = older is not null && older.Restarts != newer.Restarts;
        var result = new IReadOnlyList<SubtaskRates>[newer.Vertices.Count];
        for (int v = 0; v < result.Length; v++)
        {
            var subtasks = newer.Vertices[v].Subtasks;
            var earlierSubtasks = restarted ? null : older?.Vertices[v].Subtasks;
            var rates = new SubtaskRates[subtasks.Count];
            for (int s = 0; s < rates.Length; s++)
            {
                rates[s] = Of(earlierSubtasks?[s], subtasks[s]);
            }

            result[v] = rates;
        }

        return result;
    }

    private static SubtaskRates Of(SubtaskMetrics? earlier, SubtaskMetrics later)
    {
        if (earlier is not null && earlier.Uptime > later.Uptime)
        {
            earlier = null;
        }

        double seconds = (later.Uptime - (earlier?.Uptime ?? TimeSpan.Zero)).TotalSeconds;
        double recordsIn = seconds <= 0 ? 0 : Math.Max(0, later.RecordsIn - (earlier?.RecordsIn ?? 0)) / seconds;
        double recordsOut = seconds <= 0 ? 0 : Math.Max(0, later.RecordsOut - (earlier?.RecordsOut ?? 0)) / seconds;
        return new SubtaskRates(recordsIn, recordsOut, later.BackPressuredRatioSince(earlier), later.BusyRatioSince(earlier), later.IdleRatioSince(earlier));
    }
}
