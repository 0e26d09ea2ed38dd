namespace Appliance.Crypto.Container;

/// <summary>Fixed numbers of container version 1 (docs/format.md).</summary>
internal static class ContainerFormat
{
    internal const ushort Version = 1;
    internal const int MagicLength = 8;

    /// <summary>magic (8) + version (2) + header length (4).</summary>
    internal const int PreambleLength = MagicLength + 2 + 4;

    internal const int MacLength = 32;
    internal const int NoncePrefixLength = 7;
    internal const int NonceLength = 12;
    internal const int TagLength = 16;

    /// <summary>Smallest segment size a writer may choose or a reader accepts.</summary>
    internal const int MinSegmentSize = 64;

    internal const int MaxFileNameLength = 255;
    internal const int MaxContentTypeLength = 255;

    /// <summary>0x89 "RMS" CR LF 0x1A LF: the PNG trick, so that text-mode transfers and mislabelled files are noticed.</summary>
    internal static ReadOnlySpan<byte> Magic => [0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when <paramref name="name"/> is a bare file name: no directory, no control characters, not "." or "..".</summary>
    internal static bool IsValidFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxFileNameLength || name is "." or "..")
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '/' or '\\' or ':' || char.IsControl(c))
            {
                return false;
            }

            // A lone surrogate would be written to JSON as U+FFFD, silently changing the name.
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[++i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="contentType"/> is printable ASCII without spaces at the ends ("type/subtype; p=v").</summary>
    internal static bool IsValidContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || contentType.Length > MaxContentTypeLength
            || contentType[0] == ' ' || contentType[^1] == ' ' || !contentType.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in contentType)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
