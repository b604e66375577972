using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Interns the group label sets of one rule by fingerprint, so matching a sample allocates nothing once its group
/// was seen. Bounded: past <see cref="Capacity"/> groups it starts over (the sets are rebuilt on demand).
/// </summary>
internal sealed class GroupCache
{
    public const int Capacity = 65_536;
    private readonly Dictionary<ulong, Labels> _groups = [];

    public Labels Get(ReadOnlySpan<Label> sortedLabels, out ulong fingerprint)
    {
        if (sortedLabels.Length == 0)
        {
            fingerprint = Labels.Empty.Fingerprint;
            return Labels.Empty;
        }

        fingerprint = Labels.ComputeFingerprint(sortedLabels);
        if (_groups.TryGetValue(fingerprint, out var labels))
        {
            return labels;
        }

        return Add(sortedLabels, fingerprint);
    }

    /// <summary>The labels of a whole series plus <c>__name__</c>: the group of a rule without group-by labels that keeps one group per series.</summary>
    public Labels GetSeries(string name, Labels labels, ulong seriesFingerprint, out ulong fingerprint)
    {
        if (_groups.TryGetValue(seriesFingerprint, out var group))
        {
            fingerprint = group.Fingerprint;
            return group;
        }

        var builder = new LabelsBuilder();
        foreach (var label in labels)
        {
            builder.Add(label.Name, label.Value);
        }

        builder.Set("__name__", name);
        group = builder.Build();
        if (_groups.Count >= Capacity)
        {
            _groups.Clear();
        }

        _groups[seriesFingerprint] = group;
        fingerprint = group.Fingerprint;
        return group;
    }

    private Labels Add(ReadOnlySpan<Label> sortedLabels, ulong fingerprint)
    {
        var labels = new Labels(sortedLabels.ToArray());
        if (_groups.Count >= Capacity)
        {
            _groups.Clear();
        }

        _groups[fingerprint] = labels;
        return labels;
    }
}
