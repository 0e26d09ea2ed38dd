using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Container;

/// <summary>Writes, reads and authenticates the container header: magic, version, length, JSON, MAC.</summary>
internal static class ContainerHeaderCodec
{
    /// <summary>The complete header bytes, MAC included.</summary>
    internal static byte[] Build(HeaderJson json, ReadOnlySpan<byte> contentKey)
    {
        var jsonBytes = WireJson.Serialize(json);
        if (jsonBytes.Length > ProtectedFile.MaxHeaderLength)
        {
            throw new ArgumentException($"The header would be {jsonBytes.Length} bytes; the limit is {ProtectedFile.MaxHeaderLength}.", nameof(json));
        }

        var bytes = new byte[ContainerFormat.PreambleLength + jsonBytes.Length + ContainerFormat.MacLength];
        ContainerFormat.Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(ContainerFormat.MagicLength), ContainerFormat.Version);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ContainerFormat.MagicLength + 2), (uint)jsonBytes.Length);
        jsonBytes.CopyTo(bytes.AsSpan(ContainerFormat.PreambleLength));
        ComputeMac(contentKey, json.ContentId, bytes.AsSpan(0, bytes.Length - ContainerFormat.MacLength), bytes.AsSpan(bytes.Length - ContainerFormat.MacLength));
        return bytes;
    }

    internal static byte[] KeyCheck(ReadOnlySpan<byte> contentKey, Guid contentId)
    {
        var check = new byte[ContentKeyDerivation.KeyCheckSize];
        ContentKeyDerivation.Derive(contentKey, contentId, ContentKeyDerivation.KeyCheckInfo, check);
        return check;
    }

    /// <summary>Reads exactly the header (through the MAC), leaving the stream at the first segment.</summary>
    internal static async Task<ContainerHeader> ReadAsync(Stream input, CancellationToken ct)
    {
        var preamble = new byte[ContainerFormat.PreambleLength];
        var read = await StreamReads.ReadFullAsync(input, preamble, ct).ConfigureAwait(false);
        CheckPreamble(preamble.AsSpan(0, read));
        var jsonLength = BinaryPrimitives.ReadUInt32BigEndian(preamble.AsSpan(ContainerFormat.MagicLength + 2));
        if (jsonLength > ProtectedFile.MaxHeaderLength)
        {
            throw new ProtectedFileException(ProtectedFileError.HeaderTooLarge, $"The header claims {jsonLength} bytes; the limit is {ProtectedFile.MaxHeaderLength}.");
        }

        var bytes = new byte[ContainerFormat.PreambleLength + (int)jsonLength + ContainerFormat.MacLength];
        preamble.CopyTo(bytes, 0);
        var rest = bytes.AsMemory(ContainerFormat.PreambleLength);
        if (await StreamReads.ReadFullAsync(input, rest, ct).ConfigureAwait(false) != rest.Length)
        {
            throw new ProtectedFileException(ProtectedFileError.Truncated, "The file ends inside its header.");
        }

        return new ContainerHeader(ParseJson(bytes.AsSpan(ContainerFormat.PreambleLength, (int)jsonLength)), bytes);
    }

    /// <summary>Checks the key check first (a wrong key is told apart from tampering), then the MAC, both in constant time.</summary>
    internal static void Authenticate(ContainerHeader header, ReadOnlySpan<byte> contentKey)
    {
        Span<byte> check = stackalloc byte[ContentKeyDerivation.KeyCheckSize];
        Span<byte> mac = stackalloc byte[ContainerFormat.MacLength];
        try
        {
            ContentKeyDerivation.Derive(contentKey, header.Json.ContentId, ContentKeyDerivation.KeyCheckInfo, check);
            if (!CryptographicOperations.FixedTimeEquals(check, header.Json.KeyCheck))
            {
                throw new ProtectedFileException(ProtectedFileError.WrongContentKey, "The content key does not belong to this file.");
            }

            var bytes = header.Bytes.AsSpan();
            ComputeMac(contentKey, header.Json.ContentId, bytes[..^ContainerFormat.MacLength], mac);
            if (!CryptographicOperations.FixedTimeEquals(mac, bytes[^ContainerFormat.MacLength..]))
            {
                throw new ProtectedFileException(ProtectedFileError.HeaderAuthenticationFailed, "The file header has been altered.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(check);
        }
    }

    private static void ComputeMac(ReadOnlySpan<byte> contentKey, Guid contentId, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> macKey = stackalloc byte[32];
        try
        {
            ContentKeyDerivation.Derive(contentKey, contentId, ContentKeyDerivation.HeaderInfo, macKey);
            HMACSHA256.HashData(macKey, data, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }
    }

    private static void CheckPreamble(ReadOnlySpan<byte> preamble)
    {
        var magic = ContainerFormat.Magic;
        var magicBytes = preamble[..Math.Min(preamble.Length, magic.Length)];
        if (!magicBytes.SequenceEqual(magic[..magicBytes.Length]))
        {
            throw new ProtectedFileException(ProtectedFileError.NotAProtectedFile, "This is not a protected file.");
        }

        if (preamble.Length >= ContainerFormat.MagicLength + 2)
        {
            var version = BinaryPrimitives.ReadUInt16BigEndian(preamble[ContainerFormat.MagicLength..]);
            if (version != ContainerFormat.Version)
            {
                throw new ProtectedFileException(ProtectedFileError.UnsupportedVersion, $"Protected file version {version} is not supported.");
            }
        }

        if (preamble.Length < ContainerFormat.PreambleLength)
        {
            throw new ProtectedFileException(ProtectedFileError.Truncated, "The file ends inside its header.");
        }
    }

    private static HeaderJson ParseJson(ReadOnlySpan<byte> utf8)
    {
        HeaderJson json;
        try
        {
            json = WireJson.Deserialize<HeaderJson>(utf8);
        }
        catch (JsonException e)
        {
            throw new ProtectedFileException(ProtectedFileError.MalformedHeader, $"The file header is not valid: {e.Message}", innerException: e);
        }

        var problem =
            !PublishingLicense.IsCompactJws(json.PublishingLicense) ? "publishingLicense is not a JWS"
            : json.ContentId == Guid.Empty ? "contentId is empty"
            : !ContainerFormat.IsValidFileName(json.FileName) ? "fileName is not a bare file name"
            : !ContainerFormat.IsValidContentType(json.ContentType) ? "contentType is not a media type"
            : json.SegmentSize is < ContainerFormat.MinSegmentSize or > ProtectedFile.MaxSegmentSize ? "segmentSize is out of range"
            : json.NoncePrefix.Length != ContainerFormat.NoncePrefixLength ? "noncePrefix is not 7 bytes"
            : json.KeyCheck.Length != ContentKeyDerivation.KeyCheckSize ? "keyCheck is not 16 bytes"
            : null;
        return problem is null
            ? json
            : throw new ProtectedFileException(ProtectedFileError.MalformedHeader, $"The file header is not valid: {problem}.");
    }
}
