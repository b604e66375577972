namespace Flinq.Nexmark.Generator;

/// <summary>Nexmark's random strings (names, descriptions, e-mail parts and the <c>extra</c> padding).</summary>
internal static class NexmarkStrings
{
    private const int MinStringLength = 3;

    /// <summary>A random string of 3 to <paramref name="maxLength"/> − 1 characters, one in 13 a space, trimmed.</summary>
    public static string Next(ref NexmarkRandom random, int maxLength)
    {
        int length = MinStringLength + random.NextInt(maxLength - MinStringLength);
        Span<char> chars = stackalloc char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = random.NextInt(13) == 0 ? ' ' : (char)('a' + random.NextInt(26));
        }

        return new string(chars.Trim(' '));
    }

    /// <summary>The length of the padding that brings a record of <paramref name="currentSize"/> bytes to <paramref name="averageSize"/> on average (±20 %).</summary>
    public static int ExtraLength(ref NexmarkRandom random, int currentSize, int averageSize)
    {
        if (currentSize > averageSize)
        {
            return 0;
        }

        int desired = averageSize - currentSize;
        int delta = (int)Math.Round(desired * 0.2);
        return desired - delta + (delta == 0 ? 0 : random.NextInt(2 * delta));
    }

    /// <summary>A string of exactly <paramref name="length"/> lower-case letters, determined by <paramref name="seed"/>.</summary>
    public static string Exact(ulong seed, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        return string.Create(length, seed, static (chars, state) =>
        {
            var random = new NexmarkRandom(state);
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + random.NextInt(26));
            }
        });
    }
}
