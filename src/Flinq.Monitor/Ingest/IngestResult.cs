using System.Text;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// The outcome of decoding one body: how many items were accepted, rejected (invalid) and dropped (valid but
/// discarded by policy), with the first errors. Items are the source's unit: OTLP data points, log records
/// or spans; remote_write samples; Influx and JSON lines.
/// </summary>
/// <remarks>
/// <see cref="BodyError"/> set means the body could not be decoded at all (bad compression, malformed
/// protobuf or JSON, empty body): nothing was accepted, and an HTTP endpoint answers 400. Otherwise the
/// result maps onto OTLP's partial success: <see cref="Rejected"/> is <c>rejected_*</c> and
/// <see cref="PartialSuccessMessage"/> is <c>error_message</c>.
/// </remarks>
public sealed class IngestResult
{
    internal IngestResult(int accepted, int rejected, int dropped, IReadOnlyList<IngestError> errors, IngestError? bodyError)
    {
        Accepted = accepted;
        Rejected = rejected;
        Dropped = dropped;
        Errors = errors;
        BodyError = bodyError;
    }

    /// <summary>Items decoded and appended to the output.</summary>
    public int Accepted { get; }

    /// <summary>Items that were invalid.</summary>
    public int Rejected { get; }

    /// <summary>Values discarded by policy (staleness markers, OTLP no-recorded-value points, Influx string fields).</summary>
    public int Dropped { get; }

    /// <summary>The first errors (up to <see cref="IngestOptions.MaxErrorsReported"/>), rejections and drops, in input order.</summary>
    public IReadOnlyList<IngestError> Errors { get; }

    /// <summary>Why the whole body was refused, or null when it was decoded.</summary>
    public IngestError? BodyError { get; }

    /// <summary>True when the body was decoded and nothing was rejected.</summary>
    public bool IsSuccess => BodyError is null && Rejected == 0;

    /// <summary>
    /// OTLP's <c>partial_success.error_message</c>: empty when nothing was rejected, else the first rejection
    /// and how many more there were.
    /// </summary>
    public string PartialSuccessMessage
    {
        get
        {
            if (BodyError is not null)
            {
                return BodyError.ToString();
            }

            if (Rejected == 0)
            {
                return string.Empty;
            }

            IngestError? first = null;
            foreach (var error in Errors)
            {
                if (error.Outcome == IngestOutcome.Rejected)
                {
                    first = error;
                    break;
                }
            }

            var sb = new StringBuilder();
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Rejected} rejected");
            if (first is not null)
            {
                sb.Append("; first: ").Append(first);
            }

            return sb.ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        BodyError is not null ? "body refused: " + BodyError : $"accepted {Accepted}, rejected {Rejected}, dropped {Dropped}";
}
