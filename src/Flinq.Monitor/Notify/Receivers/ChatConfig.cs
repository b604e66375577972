namespace Flinq.Monitor.Notify.Receivers;

/// <summary>Parsing helpers the chat robot configurations share.</summary>
internal static class ChatConfig
{
    /// <summary>
    /// The robot URL: <c>url</c> as given, or <paramref name="defaultUrl"/>, with <paramref name="tokenName"/>
    /// (e.g. <c>access_token</c>) appended from the field of the same name when it is set. The result must carry
    /// the token one way or the other.
    /// </summary>
    public static Uri RobotUrl(YamlFields fields, Uri defaultUrl, string tokenName)
    {
        var url = fields.Url("url");
        string? token = fields.String(tokenName);
        var result = url ?? defaultUrl;
        if (!string.IsNullOrEmpty(token))
        {
            if (HasQueryParameter(result, tokenName))
            {
                throw fields.Error(tokenName, $"\"{tokenName}\" is given twice: in url and as a field; keep one");
            }

            result = new Uri(result + (string.IsNullOrEmpty(result.Query) ? "?" : "&") + tokenName + "=" + Uri.EscapeDataString(token));
        }
        else if (!HasQueryParameter(result, tokenName))
        {
            throw fields.Error(url is null ? tokenName : "url", $"the robot needs its {tokenName}: set \"{tokenName}\" or a url with ?{tokenName}=...");
        }

        return result;
    }

    public static MessageType MessageType(YamlFields fields, MessageType defaultType, params ReadOnlySpan<MessageType> allowed)
    {
        string? text = fields.String("message_type");
        if (text is null)
        {
            return defaultType;
        }

        foreach (var type in allowed)
        {
            if (string.Equals(text, type.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        var names = new List<string>();
        foreach (var type in allowed)
        {
            names.Add(type.ToString().ToLowerInvariant());
        }

        throw fields.Error("message_type", $"expected one of {string.Join(", ", names)}, got \"{text}\"");
    }

    private static bool HasQueryParameter(Uri uri, string name)
    {
        foreach (string part in uri.Query.TrimStart('?').Split('&'))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal) && part.Length > name.Length + 1)
            {
                return true;
            }
        }

        return false;
    }
}
