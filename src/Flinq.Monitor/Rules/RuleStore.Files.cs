namespace Flinq.Monitor.Rules;

/// <summary>Reading the rule files and turning their differences from the stored file rules into changes.</summary>
public sealed partial class RuleStore
{
    /// <summary>Reads every rule file; on success applies the differences as one commit, else returns the errors and changes nothing.</summary>
    private List<RuleFileError> ApplyFiles()
    {
        var errors = new List<RuleFileError>();
        var found = new Dictionary<string, (AlertRule Rule, string File)>(StringComparer.Ordinal);
        foreach (var file in RuleFilePaths(errors))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new RuleFileError(file, new RuleError(0, 0, string.Empty, "cannot read the file: " + e.Message)));
                continue;
            }

            var parsed = RuleParser.ParseFile(text, RuleParser.FormatOfPath(file));
            errors.AddRange(parsed.Errors.Select(e => new RuleFileError(file, e)));
            foreach (var rule in parsed.Rules)
            {
                if (found.TryGetValue(rule.Name, out var other))
                {
                    errors.Add(new RuleFileError(file, new RuleError(0, 0, string.Empty, $"rule \"{rule.Name}\" is also defined in {other.File}; rule names must be unique across files")));
                }
                else if (_rules.GetValueOrDefault(rule.Name) is { Source: RuleSource.Api })
                {
                    errors.Add(new RuleFileError(file, new RuleError(0, 0, string.Empty, $"rule \"{rule.Name}\" was created through the API; delete it there (DELETE /api/v1/rules/{rule.Name}) or rename the file rule")));
                }
                else
                {
                    found.Add(rule.Name, (rule, file));
                }
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var upserts = new List<StoredRule>();
        foreach (var (name, (rule, file)) in found.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var existing = _rules.GetValueOrDefault(name);
            if (existing is null || !AlertRuleComparer.Instance.Equals(existing.Rule, rule) || existing.File != file)
            {
                upserts.Add(new StoredRule(rule, RuleSource.File, 0, file));
            }
        }

        var deletes = _rules.Values.Where(r => r.Source == RuleSource.File && !found.ContainsKey(r.Rule.Name))
            .Select(r => r.Rule.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (upserts.Count > 0 || deletes.Count > 0 || !File.Exists(StatePath))
        {
            Commit(upserts, deletes);
        }

        return errors;
    }

    /// <summary>DATA/rules/*.{yaml,yml,json} and the configured files and patterns, each once, in a stable order.</summary>
    private List<string> RuleFilePaths(List<RuleFileError> errors)
    {
        var paths = new List<string>();
        if (Directory.Exists(RulesDirectory))
        {
            paths.AddRange(Directory.EnumerateFiles(RulesDirectory)
                .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".yaml" or ".yml" or ".json")
                .Order(StringComparer.Ordinal));
        }

        foreach (var configured in _options.RuleFiles)
        {
            string name = Path.GetFileName(configured);
            if (name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal))
            {
                string directory = Path.GetDirectoryName(configured) is { Length: > 0 } d ? d : ".";
                if (Directory.Exists(directory))
                {
                    paths.AddRange(Directory.EnumerateFiles(directory, name).Order(StringComparer.Ordinal));
                }
            }
            else if (File.Exists(configured))
            {
                paths.Add(configured);
            }
            else
            {
                errors.Add(new RuleFileError(configured, new RuleError(0, 0, string.Empty, "the configured rule file does not exist")));
            }
        }

        return paths.DistinctBy(Path.GetFullPath).ToList();
    }
}
