namespace Flinq.Time;

/// <summary>
/// Where a <see cref="IWatermarkGenerator{T}"/> emits watermarks and idleness (Flink's <c>WatermarkOutput</c>).
/// Watermarks never go backwards: one at or below the current watermark is ignored. Called on the task thread.
/// </summary>
public interface IWatermarkOutput
{
    /// <summary>Emits a watermark. Emitting a watermark also marks the output active again.</summary>
    void EmitWatermark(Watermark watermark);

    /// <summary>
    /// Marks the output idle: it will not emit records or watermarks for a while, so operators that combine it
    /// with other inputs ignore it when they compute their watermark.
    /// </summary>
    void MarkIdle();

    /// <summary>Marks an idle output active again (it holds back the combined watermark again).</summary>
    void MarkActive();
}
