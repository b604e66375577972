namespace Flinq.Examples.CepFraud;

/// <summary>An alert: FRAUD (the full pattern) or SUSPICIOUS (three small transactions, then no large one in time).</summary>
internal sealed record Alert(string Kind, string User, long Ts, IReadOnlyList<decimal> Amounts)
{
    public override string ToString() => $"{Kind} user={User} at={Ts} amounts=[{string.Join(", ", Amounts)}]";
}
