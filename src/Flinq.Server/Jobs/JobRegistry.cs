
namespace Flinq.Server.Jobs;

/// <summary>
/// The engine jobs running in this server (the storage job, the rule jobs), for <c>/api/v1/jobs</c> and
/// <c>/metrics</c>. A sampler takes a metrics snapshot of every job once per interval; record rates and time
/// ratios are derived from the last two samples, counters and watermarks are read fresh on each request.
/// Registering a job is one call: <c>registry.Register(client)</c>. Thread-safe.
/// </summary>
internal sealed class JobRegistry : IDisposable
{
    private readonly object _lock = new();
    private readonly List<Entry> _jobs = new(); // in registration order
    private readonly TimeProvider _time;
    private readonly ITimer _sampler;

    /// <param name="time">The clock for start times and the sampler.</param>
    /// <param name="sampleInterval">How often the sampler takes snapshots: the window of the reported rates.</param>
    public JobRegistry(TimeProvider time, TimeSpan sampleInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleInterval, TimeSpan.Zero);
        _time = time;
        _sampler = time.CreateTimer(_ => Sample(), null, sampleInterval, sampleInterval);
    }

    /// <summary>
    /// Adds a running job. Its name (<see cref="JobClient.JobName"/>) is its key in the API.
    /// </summary>
    /// <exception cref="ArgumentException">A job of that name is registered and still running.</exception>
    public void Register(JobClient job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var entry = new Entry(job, _time.GetUtcNow(), job.GetExecutionPlan());
        lock (_lock)
        {
            int existing = _jobs.FindIndex(e => e.Job.JobName == job.JobName);
            if (existing >= 0)
            {
                if (!_jobs[existing].Job.Completion.IsCompleted)
                {
                    throw new ArgumentException($"A job named '{job.JobName}' is already registered and running; give each job of the server its own name.", nameof(job));
                }

                _jobs.RemoveAt(existing); // a finished job replaced by a new run of the same name
            }

            _jobs.Add(entry);
        }
    }

    /// <summary>Every registered job, in registration order.</summary>
    public IReadOnlyList<JobView> List()
    {
        Entry[] entries;
        lock (_lock)
        {
            entries = _jobs.ToArray();
        }

        var views = new JobView[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            views[i] = View(entries[i]);
        }

        return views;
    }

    /// <summary>The job named <paramref name="name"/>, or null.</summary>
    public JobView? Find(string name)
    {
        Entry? entry;
        lock (_lock)
        {
            entry = _jobs.Find(e => e.Job.JobName == name);
        }

        return entry is null ? null : View(entry);
    }

    /// <summary>The names of the registered jobs (for error messages).</summary>
    public IReadOnlyList<string> Names()
    {
        lock (_lock)
        {
            return _jobs.ConvertAll(e => e.Job.JobName);
        }
    }

    /// <summary>Takes one snapshot of every job; the sampler calls it every interval.</summary>
    public void Sample()
    {
        Entry[] entries;
        lock (_lock)
        {
            entries = _jobs.ToArray();
        }

        foreach (var entry in entries)
        {
            var metrics = entry.Job.GetMetrics();
            lock (entry)
            {
                entry.Older = entry.Newer;
                entry.Newer = metrics;
            }
        }
    }

    public void Dispose() => _sampler.Dispose();

    private static JobView View(Entry entry)
    {
        JobMetrics? older;
        JobMetrics? newer;
        lock (entry)
        {
            (older, newer) = (entry.Older, entry.Newer);
        }

        var current = entry.Job.GetMetrics();
        var completion = entry.Job.Completion;
        string state = !completion.IsCompleted ? "RUNNING" : completion.IsCanceled ? "CANCELED" : completion.IsFaulted ? "FAILED" : "FINISHED";
        string? failure = completion.IsFaulted ? completion.Exception!.GetBaseException().Message : null;
        return new JobView(entry.Job.JobName, state, failure, entry.StartTime, entry.Job.Restarts, entry.Plan, current, JobRates.Between(older, newer, current));
    }

    private sealed class Entry(JobClient job, DateTimeOffset startTime, string plan)
    {
        public JobClient Job { get; } = job;

        public DateTimeOffset StartTime { get; } = startTime;

        public string Plan { get; } = plan;

        // Guarded by lock (this): the sampler's last two snapshots.
        public JobMetrics? Older { get; set; }

        public JobMetrics? Newer { get; set; }
    }
}
