using Flinq;
using Flinq.Examples.CepFraud;

// Usage: dotnet run --project examples/CepFraud
// Plays a built-in sample of transactions and prints FRAUD and SUSPICIOUS alerts.
var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
CepFraudJob.Build(env, CepFraudJob.SampleInput).Print();
await env.ExecuteAsync("CepFraud");
