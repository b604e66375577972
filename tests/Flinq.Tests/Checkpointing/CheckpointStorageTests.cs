using Flinq.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Flinq.Tests.Checkpointing;

public sealed class CheckpointStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flinq-chk-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static CompletedCheckpoint Write(CheckpointStorage storage, long id, params (string Uid, int Subtask, byte[] Data)[] states)
    {
        var pending = storage.Begin(id);
        foreach (var (uid, subtask, data) in states)
        {
            pending.WriteState(uid, subtask, data);
        }

        var parallelism = states.GroupBy(s => s.Uid).ToDictionary(g => g.Key, g => g.Count());
        return pending.Complete("job", isSavepoint: false, maxParallelism: 128, parallelism, timestampMs: 1000 + id);
    }

    [Fact]
    public void Complete_ThenFindLatest_ReturnsStateOfNewest()
    {
        var storage = new CheckpointStorage(_directory, retain: 3);
        Write(storage, 1, ("map", 0, [1]), ("map", 1, [2]));
        Write(storage, 2, ("map", 0, [3]), ("map", 1, [4]));

        var latest = storage.FindLatest();

        latest!.CheckpointId.Should().Be(2);
        latest.ReadState("map", 0).Should().Equal(3);
        latest.ReadState("map", 1).Should().Equal(4);
        latest.ReadState("other", 0).Should().BeNull();
        latest.Metadata.Operators.Single().Parallelism.Should().Be(2);
    }

    [Fact]
    public void Complete_BeyondRetain_DeletesOldest()
    {
        var storage = new CheckpointStorage(_directory, retain: 2);
        for (long id = 1; id <= 4; id++)
        {
            Write(storage, id, ("op", 0, [(byte)id]));
        }

        Directory.GetDirectories(_directory).Select(Path.GetFileName).Should().BeEquivalentTo("chk-000000000003", "chk-000000000004");
    }

    [Fact]
    public void FindLatest_InProgressCheckpoint_IsIgnored()
    {
        var storage = new CheckpointStorage(_directory, retain: 3);
        Write(storage, 1, ("op", 0, [1]));
        storage.Begin(2).WriteState("op", 0, [2]); // the process "crashed" before completing

        storage.FindLatest()!.CheckpointId.Should().Be(1);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("delete-file")]
    [InlineData("corrupt-metadata")]
    [InlineData("delete-metadata")]
    public void FindLatest_DamagedNewest_FallsBackToPreviousAndLogsWhy(string damage)
    {
        var logger = new ListLogger();
        var storage = new CheckpointStorage(_directory, retain: 3, logger);
        Write(storage, 1, ("op", 0, [1, 1, 1]));
        var newest = Write(storage, 2, ("op", 0, [2, 2, 2]));
        string file = Path.Combine(newest.Path, newest.Metadata.Operators[0].Files[0].Name);
        string metadata = Path.Combine(newest.Path, "_metadata");
        switch (damage)
        {
            case "truncate":
                File.WriteAllBytes(file, [2, 2]);
                break;
            case "flip":
                File.WriteAllBytes(file, [2, 9, 2]);
                break;
            case "delete-file":
                File.Delete(file);
                break;
            case "corrupt-metadata":
                File.WriteAllText(metadata, "{ not json");
                break;
            default:
                File.Delete(metadata);
                break;
        }

        var latest = storage.FindLatest();

        latest!.CheckpointId.Should().Be(1);
        logger.Messages.Should().ContainSingle(m => m.Contains("Skipping checkpoint 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingPath_ThrowsClearError()
    {
        var act = () => CompletedCheckpoint.Load(Path.Combine(_directory, "nope"));

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*No checkpoint or savepoint at*nope*does not exist*");
    }

    [Fact]
    public void Load_DirectoryWithoutMetadata_ThrowsCorrupt()
    {
        Directory.CreateDirectory(_directory);

        var act = () => CompletedCheckpoint.Load(_directory);

        act.Should().Throw<CheckpointCorruptException>().WithMessage("*no _metadata*");
    }

    [Fact]
    public void WriteState_UidWithHostileCharacters_StaysInsideCheckpointDirectory()
    {
        var storage = new CheckpointStorage(_directory, retain: 1);
        var checkpoint = Write(storage, 1, ("../../etc/passwd", 0, [7]));

        checkpoint.ReadState("../../etc/passwd", 0).Should().Equal(7);
        Directory.GetFiles(checkpoint.Path).Should().OnlyContain(f => Path.GetDirectoryName(f) == checkpoint.Path);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
