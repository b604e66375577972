using System.Text.Json;
using Flinq.Cep.Dynamic;
using Flinq.Cep.Operators;
using Flinq.Operators;
using Flinq.Runtime.Tasks;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Cep.Tests.Dynamic;

public sealed class DynamicCepOperatorTests : IDisposable
{
    private readonly TaskServices _services = new(new FakeTimeProvider(), CancellationToken.None);
    private readonly Output _output = new();
    private readonly DynamicCepOperator<string> _operator;

    public DynamicCepOperatorTests()
    {
        _operator = new DynamicCepOperator<string>(e => e.GetProperty("user").GetString()!, eventTime: true);
        _operator.Setup(new OperatorContext("dynamic cep", 0, 1, 128, _services.ProcessingTime), _output);
        _operator.Open();
    }

    private static string Rule(string id, string second, long withinMs = 0) => $$$"""
        {"id":"{{{id}}}","withinMs":{{{withinMs}}},"elements":[
          {"name":"first","condition":{"field":"type","op":"eq","value":"a"}},
          {"name":"second","contiguity":"followedBy","condition":{"field":"type","op":"eq","value":"{{{second}}}"}}]}
        """;

    private void Event(string user, string type, long ts) =>
        _operator.Input1.ProcessElement(JsonDocument.Parse($$"""{"user":"{{user}}","type":"{{type}}"}""").RootElement.Clone(), new Timestamp(ts));

    private void Watermark(long ts)
    {
        _operator.Input1.ProcessWatermark(new Watermark(ts));
        _operator.Input2.ProcessWatermark(Flinq.Time.Watermark.MaxValue);
    }

    private List<string> Matches() => _output.Records.Select(m =>
        $"{m.PatternId}:{m.Key}:{string.Join(' ', m.Events.Values.SelectMany(v => v).Select(e => e.GetProperty("type").GetString()))}{(m.TimedOut ? "@timeout" : "")}").ToList();

    [Fact]
    public void Add_Pattern_MatchesPerKey()
    {
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "b")), Timestamp.None);
        Event("u1", "a", 1);
        Event("u2", "a", 2);
        Event("u1", "x", 3);
        Event("u1", "b", 4);
        Watermark(10);
        Matches().Should().Equal("p:u1:a b");
    }

    [Fact]
    public void Replace_Pattern_DropsOldPartialMatchesAndAppliesToNewEvents()
    {
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "b")), Timestamp.None);
        Event("u1", "a", 1);
        Watermark(1);
        _operator.PartialMatchCount("p").Should().Be(1);

        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "c")), Timestamp.None);
        _operator.PartialMatchCount("p").Should().Be(0);
        Event("u1", "b", 2);
        Event("u1", "c", 3);
        Event("u1", "a", 4);
        Event("u1", "c", 5);
        Watermark(10);
        Matches().Should().Equal("p:u1:a c"); // the a at 1 was dropped with the old pattern; b matches nothing any more
    }

    [Fact]
    public void Remove_Pattern_NoMoreMatches()
    {
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "b")), Timestamp.None);
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("q", "c")), Timestamp.None);
        Event("u1", "a", 1);
        Watermark(1);
        _operator.Input2.ProcessElement(PatternRule.Remove("p"), Timestamp.None);
        _operator.PartialMatchCount("p").Should().Be(0);
        Event("u1", "b", 2);
        Event("u1", "c", 3);
        Watermark(10);
        Matches().Should().Equal("q:u1:a c");
        _operator.PatternIds.Should().Equal("q");
    }

    [Fact]
    public void InvalidRule_Rejected_PreviousVersionStays()
    {
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "b")), Timestamp.None);
        _operator.Input2.ProcessElement(new PatternRule("p", """{"id":"p","elements":[{"name":"x","condition":{"field":"t","op":"between","value":1}}]}"""), Timestamp.None);
        _operator.RejectedRules.Should().Be(1);
        _operator.LastRejection.Should().Contain("Unknown op");
        Event("u1", "a", 1);
        Event("u1", "b", 2);
        Watermark(10);
        Matches().Should().Equal("p:u1:a b");
    }

    [Fact]
    public void Within_Timeout_ReportedAsTimedOut()
    {
        _operator.Input2.ProcessElement(PatternRule.Upsert(Rule("p", "b", withinMs: 5)), Timestamp.None);
        Event("u1", "a", 1);
        Watermark(5);
        Matches().Should().BeEmpty();
        Watermark(6);
        Matches().Should().Equal("p:u1:a@timeout");
        _operator.PartialMatchCount("p").Should().Be(0);
    }

    public void Dispose() => _services.Dispose();

    private sealed class Output : Input<PatternMatch>
    {
        public List<PatternMatch> Records { get; } = new();

        public override void ProcessElement(PatternMatch value, Timestamp timestamp) => Records.Add(value);

        public override void ProcessWatermark(Watermark watermark)
        {
        }
    }
}
