using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    public void EnsureLoaded_OnThisMachine_ReportsTheFileMappedIntoTheProcess()
    {
        var native = KafkaNative.EnsureLoaded();

        native.Version.Should().Be(Library.VersionString);
        File.Exists(native.Path).Should().BeTrue(native.Path);
        Path.GetFileName(native.Path).Should().EndWith("librdkafka.so");
        KafkaNative.FindMappedLibrary().Should().Be(native.Path);
        KafkaNative.EnsureLoaded().Should().BeSameAs(native);
        if (Path.GetFileName(native.Path) != "librdkafka.so")
        {
            // A fallback always says why the default build did not load (on Debian 12: libsasl2.so.3 is missing).
            native.FallbackReason.Should().Contain("librdkafka.so");
        }
    }
}
