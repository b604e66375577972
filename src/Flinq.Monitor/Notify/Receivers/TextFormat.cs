namespace Flinq.Monitor.Notify.Receivers;

/// <summary>The markup of a message body, which decides how label and annotation text is escaped.</summary>
internal enum TextFormat
{
    /// <summary>Plain text: nothing escaped.</summary>
    Plain,

    /// <summary>Markdown (DingTalk, WeCom): markup characters backslash-escaped, <c>&lt;</c> as an entity.</summary>
    Markdown,

    /// <summary>Feishu's lark_md: as Markdown, with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> as entities.</summary>
    LarkMarkdown,

    /// <summary>Slack's mrkdwn: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> as entities (Slack's only escapes).</summary>
    SlackMrkdwn,
}
