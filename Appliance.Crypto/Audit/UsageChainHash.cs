using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Crypto.Audit;

/// <summary>
/// The hash chain of the usage log (docs/audit-log.md): each entry's hash is SHA-256 over a domain tag, its
/// predecessor's hash and its fields, so changing, removing or moving one entry breaks every link after it.
/// </summary>
public static class UsageChainHash
{
    public const int Size = 32;

    private static readonly byte[] EntryDomain = "rms-usage-entry-v1\0"u8.ToArray();
    private static readonly byte[] CheckpointDomain = "rms-usage-checkpoint-v1\0"u8.ToArray();

    /// <summary>The predecessor of a chain's first entry.</summary>
    public static byte[] Genesis => new byte[Size];

    /// <summary>
    /// The instant as both databases store it: UTC, truncated to whole microseconds. An entry is hashed with the value
    /// it will read back as, or it would not verify after a round trip through PostgreSQL.
    /// </summary>
    public static DateTimeOffset Normalise(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static byte[] Compute(ReadOnlySpan<byte> previousHash, ChainedUsageEntry e)
    {
        if (previousHash.Length != Size)
        {
            throw new ArgumentException("A chain hash is 32 bytes.", nameof(previousHash));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(EntryDomain);
        hash.AppendData(previousHash);
        Append(hash, e.Chain);
        Append(hash, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(hash, Format(e.Timestamp));
        Append(hash, Format(e.TenantId));
        Append(hash, e.RequestType);
        Append(hash, Format(e.UserId));
        Append(hash, e.UserEmail);
        Append(hash, e.Result);
        Append(hash, e.ErrorCode);
        Append(hash, e.CorrelationId);
        Append(hash, Format(e.ContentId));
        Append(hash, e.OwnerEmail);
        Append(hash, e.Issuer);
        Append(hash, Format(e.TemplateId));
        Append(hash, e.FileName);
        Append(hash, e.DatePublished is { } published ? Format(published) : null);
        Append(hash, e.Rights);
        Append(hash, e.ClientInfo);
        Append(hash, e.ClientIp);
        Append(hash, e.AdminAction);
        Append(hash, e.ActingAs);
        return hash.GetHashAndReset();
    }

    /// <summary>The bytes a checkpoint's signature covers.</summary>
    public static byte[] CheckpointPayload(UsageCheckpointStatement c)
    {
        using var buffer = new MemoryStream();
        buffer.Write(CheckpointDomain);
        foreach (var field in new[]
                 {
                     c.Chain, c.Sequence.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(c.HeadHash), c.Kind,
                     Format(c.CreatedAt), Format(c.SignerTenantId), c.KeyId, c.Algorithm,
                 })
        {
            Write(buffer, field);
        }

        return buffer.ToArray();
    }

    public static string Format(DateTimeOffset instant) =>
        Normalise(instant).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Format(Guid? id) => id?.ToString("D");

    /// <summary>Null and empty differ: 0xFF for null, else 0x00, a 4-byte big-endian length and the UTF-8 bytes.</summary>
    private static void Append(IncrementalHash hash, string? value)
    {
        using var buffer = new MemoryStream();
        Write(buffer, value);
        hash.AppendData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static void Write(Stream buffer, string? value)
    {
        if (value is null)
        {
            buffer.WriteByte(0xFF);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.WriteByte(0x00);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
