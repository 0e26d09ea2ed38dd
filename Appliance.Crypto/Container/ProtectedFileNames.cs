namespace Appliance.Crypto.Container;

/// <summary>
/// File names of protected files: text, images and PDF get their own extensions (.ptxt, .pjpg, .ppng, .ppdf), which
/// the appliance's viewer can show; everything else keeps its name and gains ".pfile" (report.xlsx.pfile).
/// </summary>
public static class ProtectedFileNames
{
    private const string GenericSuffix = ".pfile";

    private static readonly (string Original, string Protected)[] Specific =
    [
        (".txt", ".ptxt"),
        (".jpg", ".pjpg"),
        (".jpeg", ".pjpg"),
        (".png", ".ppng"),
        (".pdf", ".ppdf"),
    ];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".md"] = "text/markdown",
        [".htm"] = "text/html",
        [".html"] = "text/html",
        [".xml"] = "application/xml",
        [".json"] = "application/json",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
        [".eml"] = "message/rfc822",
        [".doc"] = "application/msword",
        [".xls"] = "application/vnd.ms-excel",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>report.txt → report.ptxt, photo.JPEG → photo.pjpg, report.xlsx → report.xlsx.pfile.</summary>
    public static string ProtectedName(string originalName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(originalName);
        foreach (var (original, protectedExtension) in Specific)
        {
            if (originalName.Length > original.Length && originalName.EndsWith(original, StringComparison.OrdinalIgnoreCase))
            {
                return originalName[..^original.Length] + protectedExtension;
            }
        }

        return originalName + GenericSuffix;
    }

    /// <summary>The inverse of <see cref="ProtectedName"/> (a .pjpg becomes .jpg).</summary>
    /// <exception cref="ArgumentException">The name has none of the protected extensions.</exception>
    public static string OriginalName(string protectedName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedName);
        if (protectedName.Length > GenericSuffix.Length && protectedName.EndsWith(GenericSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return protectedName[..^GenericSuffix.Length];
        }

        foreach (var (original, protectedExtension) in Specific)
        {
            // The first pair for an extension is the preferred original (.pjpg → .jpg, not .jpeg).
            if (protectedName.Length > protectedExtension.Length && protectedName.EndsWith(protectedExtension, StringComparison.OrdinalIgnoreCase))
            {
                return protectedName[..^protectedExtension.Length] + original;
            }
        }

        throw new ArgumentException($"'{protectedName}' does not have a protected-file extension.", nameof(protectedName));
    }

    /// <summary>The media type for an original file name, by extension; "application/octet-stream" when unknown.</summary>
    public static string ContentTypeFor(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        return ContentTypes.TryGetValue(extension, out var contentType) ? contentType : "application/octet-stream";
    }
}
