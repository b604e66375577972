using Flinq.Monitor.Notify.Silences;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Notify.Silences;

public sealed class SilenceStoreTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("flinq-silences-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Timestamp Now => Timestamp.FromDateTimeOffset(_clock.GetUtcNow());

    private SilenceStore Open() => SilenceStore.Open(new SilenceStoreOptions { Directory = _directory, TimeProvider = _clock });

    private Silence New(string matchers, TimeSpan? start = null, TimeSpan? length = null) => new()
    {
        Matchers = LabelMatcher.ParseList(matchers),
        StartsAt = Now + (start ?? TimeSpan.Zero),
        EndsAt = Now + (start ?? TimeSpan.Zero) + (length ?? TimeSpan.FromHours(1)),
        CreatedBy = "alice",
        Comment = "maintenance",
    };

    [Fact]
    public void Set_New_AssignsUuidAndMutesMatchingAlertsWhileActive()
    {
        var store = Open();

        var silence = store.Set(New("{alertname=\"HighCPU\", instance=~\"web-.*\"}"));

        Guid.TryParse(silence.Id, out _).Should().BeTrue();
        silence.UpdatedAt.Should().Be(Now);
        store.IsSilenced(Labels.FromPairs(("alertname", "HighCPU"), ("instance", "web-1")), Now, out var ids).Should().BeTrue();
        ids.Should().Equal(silence.Id);
        store.IsSilenced(Labels.FromPairs(("alertname", "HighCPU"), ("instance", "db-1")), Now, out ids).Should().BeFalse();
        ids.Should().BeEmpty();
        store.IsSilenced(Labels.FromPairs(("alertname", "HighCPU"), ("instance", "web-1")), Now + TimeSpan.FromHours(2), out _).Should().BeFalse("expired by then");
    }

    [Theory]
    [InlineData("", "at least one matcher required")]
    [InlineData("{instance=~\".*\"}", "must not match the empty string")]
    [InlineData("{a!=\"x\", b=\"\"}", "must not match the empty string")]
    public void Set_BadMatchers_Refused(string matchers, string reason)
    {
        var act = () => Open().Set(New(matchers));

        act.Should().Throw<SilenceValidationException>().WithMessage("*" + reason + "*");
    }

    [Fact]
    public void Set_EndNotAfterStartOrInPast_Refused()
    {
        var store = Open();

        FluentActions.Invoking(() => store.Set(New("{a=\"b\"}", length: TimeSpan.Zero))).Should().Throw<SilenceValidationException>().WithMessage("start time must be before end time");
        FluentActions.Invoking(() => store.Set(New("{a=\"b\"}", start: TimeSpan.FromHours(-3)))).Should().Throw<SilenceValidationException>().WithMessage("end time can't be in the past");
        store.Count.Should().Be(0);
    }

    [Fact]
    public void Set_StartInPast_StartsNow()
    {
        var silence = Open().Set(New("{a=\"b\"}", start: TimeSpan.FromMinutes(-10)));

        silence.StartsAt.Should().Be(Now);
    }

    [Fact]
    public void Set_ActiveSilenceNewEnd_UpdatedInPlace()
    {
        var store = Open();
        var silence = store.Set(New("{a=\"b\"}"));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var updated = store.Set(silence with { EndsAt = silence.EndsAt + TimeSpan.FromHours(1), Comment = "longer" });

        updated.Id.Should().Be(silence.Id);
        updated.Comment.Should().Be("longer");
        updated.UpdatedAt.Should().Be(Now);
        store.List().Should().ContainSingle();
    }

    [Fact]
    public void Set_ActiveSilenceNewMatchers_OldExpiredAndReplacedWithNewId()
    {
        var store = Open();
        var silence = store.Set(New("{a=\"b\"}"));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var replaced = store.Set(silence with { Matchers = LabelMatcher.ParseList("{a=\"c\"}") });

        replaced.Id.Should().NotBe(silence.Id);
        var old = store.Get(silence.Id)!;
        old.EndsAt.Should().Be(Now);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        old.StateAt(Now).Should().Be(SilenceState.Expired);
        store.List(state: SilenceState.Active).Select(s => s.Id).Should().Equal(replaced.Id);
    }

    [Fact]
    public void Set_PendingSilenceLaterStart_UpdatedInPlace_ButNewMatchersReplaceIt()
    {
        var store = Open();
        var pending = store.Set(New("{a=\"b\"}", start: TimeSpan.FromHours(1)));
        pending.StateAt(Now).Should().Be(SilenceState.Pending);

        var moved = store.Set(pending with { StartsAt = pending.StartsAt + TimeSpan.FromHours(1), EndsAt = pending.EndsAt + TimeSpan.FromHours(1) });
        moved.Id.Should().Be(pending.Id);

        var replaced = store.Set(moved with { Matchers = LabelMatcher.ParseList("{a=\"z\"}") });
        replaced.Id.Should().NotBe(pending.Id);
        var old = store.Get(pending.Id)!;
        (old.StartsAt, old.EndsAt).Should().Be((Now, Now), "Alertmanager expires a pending silence by starting and ending it now");
    }

    [Fact]
    public void Set_UnknownId_KeyNotFound()
    {
        var act = () => Open().Set(New("{a=\"b\"}") with { Id = Guid.NewGuid().ToString() });

        act.Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Expire_Active_EndsNow_ThenAlreadyExpired()
    {
        var store = Open();
        var silence = store.Set(New("{a=\"b\"}"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        store.Expire(silence.Id).EndsAt.Should().Be(Now);
        _clock.Advance(TimeSpan.FromSeconds(1));

        store.IsSilenced(Labels.FromPairs(("a", "b")), Now, out _).Should().BeFalse();
        FluentActions.Invoking(() => store.Expire(silence.Id)).Should().Throw<SilenceValidationException>().WithMessage("*already expired*");
        FluentActions.Invoking(() => store.Expire("nope")).Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void List_Filter_MatchesSilenceMatcherValuesAsAlertmanager()
    {
        var store = Open();
        var web = store.Set(New("{alertname=\"HighCPU\", team=\"web\"}"));
        store.Set(New("{alertname=\"DiskFull\", team=\"db\"}"));

        store.List(LabelMatcher.ParseList("{team=\"web\"}")).Select(s => s.Id).Should().Equal(web.Id);
        store.List(LabelMatcher.ParseList("{alertname=~\"High.*\"}")).Select(s => s.Id).Should().Equal(web.Id);
        store.List(LabelMatcher.ParseList("{instance=\"x\"}")).Should().BeEmpty("no silence has an instance matcher");
        store.List().Should().HaveCount(2);
    }

    [Fact]
    public void Open_AfterChanges_RestoresSnapshotAtomically()
    {
        var store = Open();
        var kept = store.Set(New("{job=\"node\", path=~\"/var/.*\"}") with { Comment = "quote \" and ünï" });
        var expired = store.Set(New("{a!~\"x|y\", b=\"1\"}"));
        store.Expire(expired.Id);

        var reopened = Open();

        reopened.List().Should().BeEquivalentTo(store.List(), o => o.WithStrictOrdering());
        reopened.Get(kept.Id)!.Matchers.Should().Equal(kept.Matchers);
        Directory.GetFiles(_directory).Select(Path.GetFileName).Should().Equal("silences.json");
    }

    [Fact]
    public void Open_CorruptSnapshot_FailsWithReason()
    {
        File.WriteAllText(Path.Combine(_directory, "silences.json"), "{\"version\":1,\"silences\":[{\"id\":\"x\"");

        var act = () => Open();

        act.Should().Throw<InvalidDataException>().WithMessage("*silences.json does not parse*");
    }

    [Fact]
    public void CollectGarbage_ExpiredPastRetention_Deleted()
    {
        var store = SilenceStore.Open(new SilenceStoreOptions { Directory = _directory, TimeProvider = _clock, Retention = TimeSpan.FromHours(2) });
        var silence = store.Set(New("{a=\"b\"}"));
        store.Set(New("{c=\"d\"}", length: TimeSpan.FromDays(1)));

        _clock.Advance(TimeSpan.FromHours(2.5));
        store.CollectGarbage().Should().Be(0, "ended 1.5 h ago, retention 2 h");
        _clock.Advance(TimeSpan.FromHours(1));
        store.CollectGarbage().Should().Be(1);

        store.Get(silence.Id).Should().BeNull();
        Open().Count.Should().Be(1, "the snapshot was rewritten");
    }

    [Fact]
    public void SilenceMatchers_ApiForm_RoundTrips()
    {
        foreach (var (isRegex, isEqual, type) in new[] { (false, true, LabelMatchType.Equal), (false, false, LabelMatchType.NotEqual), (true, true, LabelMatchType.Regex), (true, false, LabelMatchType.NotRegex) })
        {
            var m = SilenceMatchers.FromApi("a", "b", isRegex, isEqual);
            m.Type.Should().Be(type);
            SilenceMatchers.ToApi(m).Should().Be((isRegex, isEqual));
        }
    }

    [Fact]
    public async Task IsSilenced_WhileWritersChangeSilences_ReadersSeeConsistentAnswers()
    {
        var store = SilenceStore.Open(new SilenceStoreOptions { TimeProvider = _clock });
        var always = store.Set(New("{a=\"b\"}", length: TimeSpan.FromDays(1)));
        var labels = Labels.FromPairs(("a", "b"), ("n", "0"));
        using var stop = new CancellationTokenSource();
        using var readerStarted = new ManualResetEventSlim();
        var writer = Task.Run(() =>
        {
            // Writes begin once the reader runs, so reads overlap writes even when the machine is busy.
            readerStarted.Wait(TimeSpan.FromSeconds(30));
            for (int i = 0; i < 200; i++)
            {
                var s = store.Set(New($"{{n=\"{i}\"}}"));
                store.Expire(s.Id);
            }
        });
        var reader = Task.Run(() =>
        {
            int checks = 0;
            do
            {
                store.IsSilenced(labels, Now, out var ids).Should().BeTrue();
                ids.Should().Contain(always.Id);
                checks++;
                readerStarted.Set();
            }
            while (!writer.IsCompleted);

            return checks;
        });

        await writer;
        (await reader).Should().BeGreaterThan(0);
        store.Count.Should().Be(201);
    }
}
