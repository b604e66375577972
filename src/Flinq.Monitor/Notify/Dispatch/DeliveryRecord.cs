using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>One notification attempted to one integration of a receiver (after its retries), for <c>GET /api/v1/notifications</c>.</summary>
/// <param name="Time">When the flush started.</param>
/// <param name="Receiver">The receiver's name.</param>
/// <param name="Integration">The integration kind and its index in the receiver, e.g. <c>webhook[0]</c>.</param>
/// <param name="GroupKey">The alert group's key.</param>
/// <param name="Firing">Firing alerts sent.</param>
/// <param name="Resolved">Resolved alerts sent.</param>
/// <param name="Attempts">Delivery attempts made (1 without retries).</param>
/// <param name="Success">Whether the last attempt succeeded.</param>
/// <param name="Error">The last attempt's error, or null.</param>
public sealed record DeliveryRecord(Timestamp Time, string Receiver, string Integration, string GroupKey, int Firing, int Resolved, int Attempts, bool Success, string? Error);
