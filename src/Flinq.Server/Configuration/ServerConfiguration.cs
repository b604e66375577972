using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Flinq.Server.Configuration;

/// <summary>
/// Builds <see cref="ServerOptions"/> from, in increasing precedence: defaults, a YAML file
/// (<c>--config</c> or <c>FLINQ_CONFIG</c>), <c>FLINQ_*</c> environment variables, command-line flags.
/// Every setting has one name in each form: YAML <c>max_body_bytes</c>, env <c>FLINQ_MAX_BODY_BYTES</c>,
/// flag <c>--max-body-bytes</c>.
/// </summary>
public static class ServerConfiguration
{
    /// <summary>The settings: YAML key, what it sets.</summary>
    public static IReadOnlyList<(string Key, string Description)> Settings { get; } =
    [
        ("listen", "host:port to listen on (default 127.0.0.1:7700; port 0 = any free port)"),
        ("data", "data directory (default ./flinq-data)"),
        ("max_body_bytes", "largest request body in bytes, before and after decompression (default 16777216)"),
        ("queue_capacity", "items the ingest queue holds before writes get 503 + Retry-After (default 1000000)"),
        ("commit_timeout", "how long a write waits for its storage commit, e.g. 30s (default 30s)"),
        ("retention", "how long data is kept, e.g. 15d, 12h (default 15d)"),
        ("write_token", "bearer token required for writes (default: none)"),
        ("read_token", "bearer token required for queries and /metrics (default: none)"),
        ("alertmanager_config", "Alertmanager configuration file (alertmanager.yml) for notifications (default: none, alerts notify nobody)"),
        ("kafka_brokers", "Kafka bootstrap servers; turns Kafka ingest on (YAML: kafka.brokers)"),
        ("kafka_topics", "topics as topic=signal:format[:precision],… (signal metrics|logs|traces; format json|influx|otlp|otlp-json|remote-write)"),
        ("kafka_group_id", "consumer group, offsets committed on each checkpoint (default flinq-server)"),
        ("kafka_start", "committed|earliest|latest: where to start on partitions without a stored position (default committed)"),
        ("kafka_checkpoint_interval", "storage job checkpoint interval with Kafka ingest, e.g. 2s (default 2s)"),
        ("rule_files", "rule files or patterns read besides DATA/rules/*.yaml, comma-separated; a list in YAML (default: none)"),
        ("checkpoint_interval", "how often the engine job checkpoints alert state under DATA/checkpoints, e.g. 10s (default 10s; with Kafka ingest kafka_checkpoint_interval wins)"),
    ];

    /// <summary>Reads the configuration.</summary>
    /// <exception cref="FormatException">An unknown flag or key, a missing value, or a value that does not parse; the message names it.</exception>
    public static ServerOptions Load(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var flags = ParseFlags(args);
        var options = new ServerOptions();
        string? file = flags.GetValueOrDefault("config") ?? environment.GetValueOrDefault("FLINQ_CONFIG");
        if (!string.IsNullOrEmpty(file))
        {
            foreach (var (key, value) in ReadYaml(file))
            {
                Apply(options, key, value, $"{file}: {key}");
            }
        }

        foreach (var (key, _) in Settings)
        {
            var env = "FLINQ_" + key.ToUpperInvariant();
            if (environment.GetValueOrDefault(env) is { Length: > 0 } value)
            {
                Apply(options, key, value, env);
            }
        }

        foreach (var (key, value) in flags)
        {
            if (key != "config")
            {
                Apply(options, key, value, "--" + key.Replace('_', '-'));
            }
        }

        options.Kafka?.Validate();
        return options;
    }

    /// <summary>Reads the current process's environment.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            result[(string)e.Key] = e.Value as string;
        }

        return result;
    }

    private static Dictionary<string, string> ParseFlags(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected argument \"{arg}\"; flags look like --listen 127.0.0.1:7700");
            }

            string name, value;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[2..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"flag --{name} needs a value");
                }

                value = args[++i];
            }

            var key = name.Replace('-', '_').Replace('.', '_'); // --alertmanager.config as Alertmanager spells it
            if (key != "config" && !Settings.Any(s => s.Key == key))
            {
                throw new FormatException($"unknown flag --{name}; known: --config, {string.Join(", ", Settings.Select(s => "--" + s.Key.Replace('_', '-')))}");
            }

            flags[key] = value;
        }

        return flags;
    }

    private static IEnumerable<(string Key, string Value)> ReadYaml(string file)
    {
        if (!File.Exists(file))
        {
            throw new FormatException($"config file \"{file}\" does not exist");
        }

        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            try
            {
                yaml.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new FormatException($"{file}: line {e.Start.Line}: {e.Message}", e);
            }
        }

        if (yaml.Documents.Count == 0)
        {
            yield break;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{file}: the top level must be a mapping of settings (listen: ..., data: ...)");
        }

        foreach (var (key, keyNode, valueNode) in Flatten(root))
        {
            if (!Settings.Any(s => s.Key == key))
            {
                throw new FormatException($"{file}: line {keyNode.Start.Line}: unknown setting \"{key}\"; known: {string.Join(", ", Settings.Select(s => s.Key))}");
            }

            if (key == "kafka_topics" && valueNode is YamlSequenceNode topics)
            {
                yield return (key, string.Join(',', topics.Children.Select(t => TopicSpec(file, t))));
                continue;
            }

            if (key == "rule_files" && valueNode is YamlSequenceNode list)
            {
                yield return (key, string.Join(',', list.Children.OfType<YamlScalarNode>().Select(n => n.Value)));
                continue;
            }

            if (valueNode is not YamlScalarNode scalar)
            {
                throw new FormatException($"{file}: line {valueNode.Start.Line}: \"{key}\" must be a single value");
            }

            yield return (key, scalar.Value ?? string.Empty);
        }
    }

    /// <summary>The top-level settings, with a nested section (<c>kafka: {brokers: …}</c>) as <c>kafka_brokers</c>.</summary>
    private static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Flatten(YamlMappingNode root)
    {
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (key == "kafka" && valueNode is YamlMappingNode section)
            {
                foreach (var (childKey, childValue) in section.Children)
                {
                    yield return ("kafka_" + ((YamlScalarNode)childKey).Value, childKey, childValue);
                }

                continue;
            }

            yield return (key, keyNode, valueNode);
        }
    }

    /// <summary>A <c>kafka.topics</c> item: <c>{topic, signal, format, precision}</c> or the flag form as a string.</summary>
    private static string TopicSpec(string file, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        if (node is not YamlMappingNode map)
        {
            throw new FormatException($"{file}: line {node.Start.Line}: a kafka topic is a mapping {{topic, signal, format, precision}} or \"topic=signal:format\"");
        }

        string Get(string name) => map.Children.TryGetValue(new YamlScalarNode(name), out var v) && v is YamlScalarNode s ? s.Value ?? string.Empty : string.Empty;
        foreach (var (k, _) in map.Children)
        {
            if (((YamlScalarNode)k).Value is not ("topic" or "signal" or "format" or "precision"))
            {
                throw new FormatException($"{file}: line {k.Start.Line}: unknown kafka topic key \"{((YamlScalarNode)k).Value}\"; known: topic, signal, format, precision");
            }
        }

        var precision = Get("precision");
        return $"{Get("topic")}={Get("signal")}:{Get("format")}" + (precision.Length > 0 ? ":" + precision : string.Empty);
    }

    private static void Apply(ServerOptions options, string key, string value, string source)
    {
        try
        {
            switch (key)
            {
                case "listen": options.Listen = value; break;
                case "data": options.DataDirectory = value; break;
                case "max_body_bytes": options.MaxBodyBytes = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); break;
                case "queue_capacity": options.QueueCapacity = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); break;
                case "commit_timeout": options.CommitTimeout = Durations.Parse(value); break;
                case "retention": options.Retention = Durations.Parse(value); break;
                case "write_token": options.WriteToken = value; break;
                case "read_token": options.ReadToken = value; break;
                case "alertmanager_config": options.AlertmanagerConfig = value; break;
                case "kafka_brokers": (options.Kafka ??= new()).Brokers = value; break;
                case "kafka_topics":
                    var kafka = options.Kafka ??= new();
                    kafka.Topics.Clear();
                    kafka.Topics.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KafkaTopicOptions.Parse));
                    break;
                case "kafka_group_id": (options.Kafka ??= new()).GroupId = value; break;
                case "kafka_start":
                    (options.Kafka ??= new()).Start = value switch
                    {
                        "committed" => KafkaStartPosition.Committed,
                        "earliest" => KafkaStartPosition.Earliest,
                        "latest" => KafkaStartPosition.Latest,
                        _ => throw new FormatException("use committed, earliest or latest"),
                    };
                    break;
                case "kafka_checkpoint_interval": (options.Kafka ??= new()).CheckpointInterval = Durations.Parse(value); break;
                case "checkpoint_interval":
                    var interval = Durations.Parse(value);
                    options.CheckpointInterval = interval > TimeSpan.Zero ? interval : throw new FormatException("must be positive");
                    break;
                case "rule_files": options.RuleFiles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(); break;
                default: throw new FormatException($"unknown setting \"{key}\"");
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"{source}: invalid value \"{value}\": {e.Message}", e);
        }
    }
}
