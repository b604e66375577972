using System.Globalization;
using System.Text;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Flinq's default message rendering, shared by the chat integrations and e-mail's text part:
/// <list type="bullet">
/// <item>a title as Alertmanager's default (<c>[FIRING:2] HighCPU (web critical)</c>: status, count of firing
/// alerts, the group label values, then the other common label values in parentheses);</item>
/// <item>one entry per alert: state, alertname, the other labels as <c>name=value</c>, since when (and until
/// when, once resolved), then the <c>summary</c> and <c>description</c> annotations on their own lines;</item>
/// <item>a link to the server when <see cref="Notification.ExternalUrl"/> is set.</item>
/// </list>
/// Bodies are cut at a byte budget (UTF-8) with a "… N more alerts" line, since chat APIs refuse long messages.
/// </summary>
internal static class MessageText
{
    /// <summary>Alertmanager's <c>__subject</c> template (the default Slack title and e-mail subject).</summary>
    public static string Title(AlertGroupView view)
    {
        var sb = new StringBuilder(64);
        sb.Append('[').Append(view.Status.ToUpperInvariant());
        if (view.FiringCount > 0)
        {
            sb.Append(':').Append(view.FiringCount.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append("] ");
        AppendValues(sb, view.GroupLabels, except: null);
        if (view.CommonLabels.Count > view.GroupLabels.Count)
        {
            sb.Append(" (");
            AppendValues(sb, view.CommonLabels, except: view.GroupLabels);
            sb.Append(')');
        }

        return sb.ToString().Trim();
    }

    /// <summary>The body: title line (unless <paramref name="withTitle"/> is false), alert entries, link.</summary>
    public static string Body(AlertGroupView view, TextFormat format, int maxBytes, bool withTitle = true)
    {
        var sb = new StringBuilder(256);
        if (withTitle)
        {
            sb.Append(format == TextFormat.Plain ? string.Empty : format == TextFormat.SlackMrkdwn ? "*" : "**")
              .Append(Escape(Title(view), format))
              .Append(format == TextFormat.Plain ? string.Empty : format == TextFormat.SlackMrkdwn ? "*" : "**")
              .Append('\n');
        }

        string link = string.IsNullOrEmpty(view.Notification.ExternalUrl) ? string.Empty : "\n" + Escape(view.Notification.ExternalUrl, format) + "\n";
        int budget = maxBytes - Encoding.UTF8.GetByteCount(link) - 48; // room for the "more alerts" line
        int used = Encoding.UTF8.GetByteCount(sb.ToString());
        var entry = new StringBuilder(256);
        for (int i = 0; i < view.Alerts.Count; i++)
        {
            entry.Clear();
            AppendEntry(entry, view, view.Alerts[i], format);
            int bytes = Encoding.UTF8.GetByteCount(entry.ToString());
            if (used + bytes > budget)
            {
                sb.Append("… ").Append((view.Alerts.Count - i).ToString(CultureInfo.InvariantCulture)).Append(" more alerts\n");
                break;
            }

            sb.Append(entry);
            used += bytes;
        }

        if (view.Truncated > 0)
        {
            sb.Append("… ").Append(view.Truncated.ToString(CultureInfo.InvariantCulture)).Append(" more alerts not sent\n");
        }

        return sb.Append(link).ToString().TrimEnd('\n');
    }

    /// <summary>The label pairs other than <c>alertname</c>, as <c>name=value</c> separated by spaces, unescaped.</summary>
    public static string LabelPairs(Labels labels)
    {
        var sb = new StringBuilder();
        foreach (var label in labels)
        {
            if (label.Name == "alertname")
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(label.Name).Append('=').Append(label.Value);
        }

        return sb.ToString();
    }

    /// <summary>RFC 3339 in UTC to the second, e.g. <c>2026-12-07T17:00:00Z</c>.</summary>
    public static string FormatTime(Timestamp time) =>
        time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Escape(string text, TextFormat format) => format switch
    {
        TextFormat.Plain => text,
        TextFormat.SlackMrkdwn => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal),
        _ => EscapeMarkdown(text, format == TextFormat.LarkMarkdown),
    };

    private static void AppendEntry(StringBuilder sb, AlertGroupView view, Alert alert, TextFormat format)
    {
        bool firing = view.IsFiring(alert);
        string state = firing ? "FIRING" : "RESOLVED";
        switch (format)
        {
            case TextFormat.Plain:
                sb.Append('[').Append(state).Append("] ");
                break;
            case TextFormat.SlackMrkdwn:
                sb.Append("• *").Append(state).Append("* ");
                break;
            default:
                sb.Append("- **").Append(state).Append("** ");
                break;
        }

        sb.Append(Escape(alert.Name, format));
        string pairs = LabelPairs(alert.Labels);
        if (pairs.Length > 0)
        {
            sb.Append(' ').Append(Escape(pairs, format));
        }

        sb.Append(" (since ").Append(FormatTime(alert.StartsAt));
        if (!firing)
        {
            sb.Append(", resolved ").Append(FormatTime(alert.EndsAt));
        }

        sb.Append(")\n");
        AppendAnnotation(sb, alert, "summary", format);
        AppendAnnotation(sb, alert, "description", format);
    }

    private static void AppendAnnotation(StringBuilder sb, Alert alert, string name, TextFormat format)
    {
        if (alert.Annotations.Get(name) is { Length: > 0 } value)
        {
            // One line per annotation: newlines inside would break list items in markdown.
            string flat = value.ReplaceLineEndings(" ");
            sb.Append(format is TextFormat.Markdown or TextFormat.LarkMarkdown ? "  - " : "  ").Append(name).Append(": ").Append(Escape(flat, format)).Append('\n');
        }
    }

    private static void AppendValues(StringBuilder sb, Labels labels, Labels? except)
    {
        bool first = true;
        foreach (var label in labels)
        {
            if (except is not null && except.Get(label.Name) is not null)
            {
                continue;
            }

            if (!first)
            {
                sb.Append(' ');
            }

            sb.Append(label.Value);
            first = false;
        }
    }

    private static string EscapeMarkdown(string text, bool entities)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>' when entities:
                    sb.Append("&gt;");
                    break;
                case '>':
                    sb.Append("\\>");
                    break;
                case '&' when entities:
                    sb.Append("&amp;");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
