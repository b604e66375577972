namespace Flinq.Connectors.Kafka;

/// <summary>Which librdkafka file the process uses, as chosen by <see cref="KafkaNative.EnsureLoaded"/>.</summary>
/// <param name="Path">The file mapped into the process (for example <c>.../runtimes/linux-x64/native/centos8-librdkafka.so</c>).</param>
/// <param name="Version">librdkafka's version string.</param>
/// <param name="FallbackReason">Why the builds tried before this one did not load (null when the first one did).</param>
public sealed record KafkaNativeLibrary(string Path, string Version, string? FallbackReason);
