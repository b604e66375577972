namespace Flinq.Examples.ErrorLogAlert;

/// <summary>
/// One output line: <c>service</c> logged <c>errors</c> ERROR or FATAL lines in the minute
/// [<c>windowStart</c>, <c>windowEnd</c>) (UTC, ISO 8601), at least <c>threshold</c>; <c>firstMessage</c> is the
/// message of the earliest of them (by event time).
/// </summary>
public sealed record ErrorAlert(string Service, string WindowStart, string WindowEnd, long Errors, int Threshold, string FirstMessage);
