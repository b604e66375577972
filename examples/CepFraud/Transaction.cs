namespace Flinq.Examples.CepFraud;

/// <summary>A card transaction: who, how much, when (epoch milliseconds).</summary>
internal sealed record Transaction(string User, decimal Amount, long Ts);
