using Flinq.Serialization;

namespace Flinq.Cep.Nfa;

/// <summary>
/// Checkpoint format of <see cref="NfaKeyState{T}"/>: the shared event nodes once each (oldest first, each pointing at
/// its predecessor by index), then the partial and completed matches by state id and node index. Sharing survives a
/// restore. Events are written with the job's serializer for <typeparamref name="T"/>.
/// </summary>
internal sealed class NfaKeyStateSerializer<T>(TypeSerializer<T> events) : TypeSerializer<NfaKeyState<T>>
{
    public override void Serialize(NfaKeyState<T> value, StateWriter writer)
    {
        var index = new Dictionary<MatchNode<T>, int>(ReferenceEqualityComparer.Instance);
        var order = new List<MatchNode<T>>();
        foreach (var cs in value.PartialMatches.Concat(value.CompletedMatches))
        {
            Collect(cs.Events, index, order);
        }

        writer.WriteVarInt64(value.NextSequence);
        writer.WriteVarUInt64((ulong)order.Count);
        foreach (var node in order)
        {
            writer.WriteString(node.Name);
            events.Serialize(node.Value, writer);
            writer.WriteVarInt64(node.Timestamp);
            writer.WriteVarInt64(node.Sequence);
            writer.WriteVarInt64(node.Previous is null ? -1 : index[node.Previous]);
        }

        WriteStates(value.PartialMatches, index, writer);
        WriteStates(value.CompletedMatches, index, writer);
    }

    public override NfaKeyState<T> Deserialize(StateReader reader)
    {
        var state = new NfaKeyState<T> { NextSequence = reader.ReadVarInt64() };
        int count = reader.ReadLength("CEP event nodes");
        var nodes = new MatchNode<T>[count];
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString() ?? "";
            var value = events.Deserialize(reader);
            long ts = reader.ReadVarInt64();
            long seq = reader.ReadVarInt64();
            long previous = reader.ReadVarInt64();
            nodes[i] = new MatchNode<T>(name, value, ts, seq, previous < 0 ? null : nodes[previous]);
        }

        state.PartialMatches = ReadStates(reader, nodes);
        state.CompletedMatches = ReadStates(reader, nodes);
        return state;
    }

    private static void Collect(MatchNode<T>? node, Dictionary<MatchNode<T>, int> index, List<MatchNode<T>> order)
    {
        var chain = new Stack<MatchNode<T>>();
        for (var n = node; n is not null && !index.ContainsKey(n); n = n.Previous)
        {
            chain.Push(n);
        }

        while (chain.TryPop(out var n))
        {
            index.Add(n, order.Count);
            order.Add(n);
        }
    }

    private static void WriteStates(List<ComputationState<T>> states, Dictionary<MatchNode<T>, int> index, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)states.Count);
        foreach (var cs in states)
        {
            writer.WriteVarInt64(cs.StateId);
            writer.WriteVarInt64(cs.Events is null ? -1 : index[cs.Events]);
            writer.WriteVarInt64(cs.StartTimestamp);
            writer.WriteVarInt64(cs.StartSequence);
        }
    }

    private static List<ComputationState<T>> ReadStates(StateReader reader, MatchNode<T>[] nodes)
    {
        int count = reader.ReadLength("CEP partial matches");
        var list = new List<ComputationState<T>>(count);
        for (int i = 0; i < count; i++)
        {
            int stateId = (int)reader.ReadVarInt64();
            long node = reader.ReadVarInt64();
            list.Add(new ComputationState<T>(stateId, node < 0 ? null : nodes[node], reader.ReadVarInt64(), reader.ReadVarInt64()));
        }

        return list;
    }
}
