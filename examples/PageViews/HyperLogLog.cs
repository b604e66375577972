using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace Flinq.Examples.PageViews;

/// <summary>
/// A HyperLogLog distinct counter (Flajolet, Fusy, Gandouet, Meunier 2007) with 2^<see cref="Precision"/> = 4096
/// one-byte registers (4 KiB) over 64-bit XxHash64 hashes of the items. Relative standard error
/// ≈ 1.04/√4096 ≈ 1.6 %; small cardinalities use linear counting (exact-ish below a few thousand); with 64-bit
/// hashes no large-range correction is needed. Not thread-safe.
/// </summary>
public sealed class HyperLogLog
{
    /// <summary>Bits of the hash that choose a register.</summary>
    public const int Precision = 12;

    /// <summary>The number of registers, 2^<see cref="Precision"/>.</summary>
    public const int RegisterCount = 1 << Precision;

    /// <summary>The relative standard error of <see cref="Estimate"/>: 1.04/√<see cref="RegisterCount"/>.</summary>
    public static readonly double StandardError = 1.04 / Math.Sqrt(RegisterCount);

    private readonly byte[] _registers = new byte[RegisterCount];

    /// <summary>Adds a string item (hashed as UTF-8).</summary>
    public void Add(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Span<byte> buffer = stackalloc byte[256];
        int max = Encoding.UTF8.GetMaxByteCount(item.Length);
        byte[]? rented = max > buffer.Length ? new byte[max] : null;
        var bytes = rented ?? buffer;
        int length = Encoding.UTF8.GetBytes(item, bytes);
        AddHash(XxHash64.HashToUInt64(bytes[..length]));
    }

    /// <summary>Adds an item by its 64-bit hash (the hash must be uniformly distributed).</summary>
    public void AddHash(ulong hash)
    {
        int index = (int)(hash >> (64 - Precision));
        ulong rest = hash << Precision;
        // The rank is the position of the first 1-bit in the remaining 52 bits, 1-based; all zeros gives 53.
        int rank = rest == 0 ? 64 - Precision + 1 : BitOperations.LeadingZeroCount(rest) + 1;
        if (rank > _registers[index])
        {
            _registers[index] = (byte)rank;
        }
    }

    /// <summary>Adds every item <paramref name="other"/> has seen (register-wise maximum).</summary>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < RegisterCount; i++)
        {
            _registers[i] = Math.Max(_registers[i], other._registers[i]);
        }
    }

    /// <summary>The estimated number of distinct items added, rounded to a whole number.</summary>
    public long Estimate()
    {
        const double m = RegisterCount;
        double alpha = 0.7213 / (1 + (1.079 / m));
        double sum = 0;
        int zeros = 0;
        foreach (byte register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0)
            {
                zeros++;
            }
        }

        double estimate = alpha * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0)
        {
            estimate = m * Math.Log(m / zeros); // linear counting for small cardinalities
        }

        return (long)Math.Round(estimate);
    }

    /// <summary>The registers, for serialization.</summary>
    public ReadOnlySpan<byte> Registers => _registers;
}
