namespace Flinq.Time;

/// <summary>Emits no watermarks (processing-time jobs, or streams whose watermarks come from elsewhere).</summary>
internal sealed class NoWatermarksGenerator<T> : IWatermarkGenerator<T>
{
    public static readonly NoWatermarksGenerator<T> Instance = new();

    public void OnEvent(T value, Timestamp timestamp, IWatermarkOutput output)
    {
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
    }
}
