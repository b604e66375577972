using System.Text.Json;
using CsCheck;
using Flinq.Monitor.Notify.Receivers;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class GoJsonWriterProperties
{
    [Fact]
    public void String_AnyText_ParsesBackAndEscapesHtmlCharacters() => Gen.String[Gen.Char, 0, 40].Sample(text =>
    {
        string json = new GoJsonWriter().StartObject().String("k", text).EndObject().ToString();

        json.Should().NotContainAny("<", ">", "&", "\u2028", "\u2029");
        string back = JsonDocument.Parse(json).RootElement.GetProperty("k").GetString()!;
        // Lone surrogates are not valid UTF-8 text: Go writes U+FFFD for them, and so does the writer.
        back.Should().Be(ReplaceLoneSurrogates(text));
    }, iter: 2000);

    private static string ReplaceLoneSurrogates(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(text[i]).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return sb.ToString();
    }
}
