using System.Net;
using System.Text;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Flinq's default HTML e-mail: the title, then per alert its state, name, start (and end), every label and
/// every annotation, and a link to its source. All label and annotation text is HTML-encoded; links are
/// written only for http(s) URLs.
/// </summary>
internal static class EmailBody
{
    public static string Html(AlertGroupView view)
    {
        var sb = new StringBuilder(2048);
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(Encode(MessageText.Title(view))).Append("</title></head>\n")
          .Append("<body style=\"font-family:sans-serif\">\n<h2>").Append(Encode(MessageText.Title(view))).Append("</h2>\n");
        if (view.FiringCount > 0)
        {
            sb.Append("<p>").Append(view.FiringCount).Append(" firing</p>\n");
        }

        if (view.ResolvedCount > 0)
        {
            sb.Append("<p>").Append(view.ResolvedCount).Append(" resolved</p>\n");
        }

        foreach (var alert in view.Alerts)
        {
            bool firing = view.IsFiring(alert);
            sb.Append("<div style=\"border-left:4px solid ").Append(firing ? "#d9534f" : "#5cb85c").Append(";padding-left:8px;margin:12px 0\">\n")
              .Append("<h3>").Append(firing ? "FIRING" : "RESOLVED").Append(": ").Append(Encode(alert.Name)).Append("</h3>\n")
              .Append("<p>since ").Append(MessageText.FormatTime(alert.StartsAt));
            if (!firing)
            {
                sb.Append(", resolved ").Append(MessageText.FormatTime(alert.EndsAt));
            }

            sb.Append("</p>\n");
            Table(sb, "Labels", alert.Labels);
            Table(sb, "Annotations", alert.Annotations);
            if (IsHttpUrl(alert.GeneratorUrl))
            {
                sb.Append("<p><a href=\"").Append(Encode(alert.GeneratorUrl)).Append("\">Source</a></p>\n");
            }

            sb.Append("</div>\n");
        }

        if (view.Truncated > 0)
        {
            sb.Append("<p>").Append(view.Truncated).Append(" more alerts not shown</p>\n");
        }

        if (IsHttpUrl(view.Notification.ExternalUrl))
        {
            sb.Append("<p><a href=\"").Append(Encode(view.Notification.ExternalUrl)).Append("\">").Append(Encode(view.Notification.ExternalUrl)).Append("</a></p>\n");
        }

        return sb.Append("</body></html>\n").ToString();
    }

    private static void Table(StringBuilder sb, string caption, Labels labels)
    {
        if (labels.Count == 0)
        {
            return;
        }

        sb.Append("<table><caption style=\"text-align:left\"><b>").Append(caption).Append("</b></caption>\n");
        foreach (var label in labels)
        {
            sb.Append("<tr><td>").Append(Encode(label.Name)).Append("</td><td>").Append(Encode(label.Value)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
