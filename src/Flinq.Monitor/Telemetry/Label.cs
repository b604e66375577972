namespace Flinq.Monitor.Telemetry;

/// <summary>
/// One name/value pair of a <see cref="Labels"/> set: a Prometheus label, an Influx tag, an OTLP attribute
/// rendered as text. Compared ordinally (UTF-16 code units), never culture-sensitively.
/// </summary>
/// <param name="Name">The label name; never empty inside a <see cref="Labels"/>.</param>
/// <param name="Value">The label value; never empty inside a <see cref="Labels"/> (an empty value means "absent").</param>
public readonly record struct Label(string Name, string Value)
{
    /// <summary><c>name="value"</c> with the value escaped as Prometheus' text format does.</summary>
    public override string ToString() => Name + "=\"" + Labels.EscapeValue(Value) + "\"";
}
