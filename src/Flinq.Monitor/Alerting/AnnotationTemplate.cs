using System.Globalization;
using System.Text;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// An annotation template of an alert rule, e.g. <c>"{{ $labels.host }} CPU at {{ $value }}% (limit {{ $threshold }})"</c>,
/// parsed once and rendered for each alert. A deliberately small, safe subset of Prometheus' Go templates: text
/// with <c>{{ ... }}</c> actions that name a variable, nothing is executed.
/// </summary>
/// <remarks>
/// <para>Actions (spaces inside the braces optional): <c>$labels.NAME</c> or <c>.Labels.NAME</c> (the alert's label, empty
/// when absent, as in Prometheus), <c>$value</c> or <c>.Value</c>, <c>$threshold</c>, and <c>$labels.NAME | or "fallback"</c>
/// is NOT supported. <c>$value</c> is formatted plainly (shortest round-trip form, invariant culture, <c>NaN</c> for no
/// data) — not Prometheus' <c>humanize</c>. <c>$threshold</c> is the rule's threshold text (see
/// <see cref="AlertLifecycle"/>). Anything else inside braces is a <see cref="FormatException"/> at
/// <see cref="Parse"/> time naming the position; <c>{{</c> without <c>}}</c> likewise. A literal <c>{{</c> is written
/// <c>{{ "{{" }}</c>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class AnnotationTemplate
{
    private readonly Part[] _parts;

    private AnnotationTemplate(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">An action is not one of the supported forms, or braces do not close; the message gives the position.</exception>
    public static AnnotationTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<Part>();
        int pos = 0;
        while (pos < text.Length)
        {
            int open = text.IndexOf("{{", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(Part.Literal(text[pos..]));
                break;
            }

            if (open > pos)
            {
                parts.Add(Part.Literal(text[pos..open]));
            }

            int close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"template \"{text}\": \"{{{{\" at position {open.ToString(CultureInfo.InvariantCulture)} has no closing \"}}}}\"");
            }

            parts.Add(ParseAction(text, open, text.AsSpan(open + 2, close - open - 2).Trim().ToString()));
            pos = close + 2;
        }

        return new AnnotationTemplate(text, [.. parts]);
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns false and the reason.</summary>
    public static bool TryParse(string text, out AnnotationTemplate? template, out string? error)
    {
        try
        {
            template = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            template = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Renders the template for an alert with <paramref name="labels"/>, <paramref name="value"/> and <paramref name="threshold"/>.</summary>
    public string Render(Labels labels, double value, string threshold)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (_parts.Length == 1 && _parts[0].Kind == PartKind.Literal)
        {
            return _parts[0].Text;
        }

        var sb = new StringBuilder(Text.Length + 16);
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal: sb.Append(part.Text); break;
                case PartKind.Label: sb.Append(labels.Get(part.Text)); break;
                case PartKind.Value: sb.Append(FormatValue(value)); break;
                default: sb.Append(threshold); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>How <c>$value</c> renders: shortest round-trip form in invariant culture; <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static Part ParseAction(string text, int position, string action)
    {
        if (action is "$value" or ".Value")
        {
            return new Part(PartKind.Value, string.Empty);
        }

        if (action == "$threshold")
        {
            return new Part(PartKind.Threshold, string.Empty);
        }

        if (action == "\"{{\"")
        {
            return Part.Literal("{{");
        }

        foreach (var prefix in (ReadOnlySpan<string>)["$labels.", ".Labels."])
        {
            if (action.StartsWith(prefix, StringComparison.Ordinal) && IsLabelName(action.AsSpan(prefix.Length)))
            {
                return new Part(PartKind.Label, action[prefix.Length..]);
            }
        }

        throw new FormatException(
            $"template \"{text}\": unsupported action \"{{{{ {action} }}}}\" at position {position.ToString(CultureInfo.InvariantCulture)}; use {{{{ $labels.NAME }}}}, {{{{ $value }}}} or {{{{ $threshold }}}}");
    }

    private static bool IsLabelName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private enum PartKind
    {
        Literal,
        Label,
        Value,
        Threshold,
    }

    private readonly record struct Part(PartKind Kind, string Text)
    {
        public static Part Literal(string text) => new(PartKind.Literal, text);
    }
}
