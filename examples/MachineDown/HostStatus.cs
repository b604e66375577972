namespace Flinq.Examples.MachineDown;

/// <summary>
/// One output line: <c>{"host":"web-1","status":"DOWN","at":"...","lastSeen":"..."}</c>. <c>DOWN</c>: the host sent
/// nothing for the timeout since <c>lastSeen</c>; <c>RECOVERED</c>: a DOWN host reported again at <c>at</c>.
/// Times are processing time (the job's clock), ISO 8601 UTC with milliseconds.
/// </summary>
public sealed record HostStatus(string Host, string Status, string At, string LastSeen);
