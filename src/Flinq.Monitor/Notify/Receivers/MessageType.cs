namespace Flinq.Monitor.Notify.Receivers;

/// <summary>The <c>message_type</c> of the chat robots.</summary>
internal enum MessageType
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>Markdown (DingTalk, WeCom).</summary>
    Markdown,

    /// <summary>An interactive card with a lark_md body (Feishu).</summary>
    Interactive,
}
