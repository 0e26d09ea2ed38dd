using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// The FILE|CONTENT_ID argument of the document registry verbs: a protected file's content id is read from its header
/// (no licence needed, so it works on a document the caller could not open), or the id is given as it is.
/// </summary>
internal static class DocumentReference
{
    public const string Name = "FILE|CONTENT_ID";

    public const string Description = "A protected file, or the content id of one (rms documents lists yours)";

    public static async Task<Guid> ResolveAsync(string argument, CancellationToken ct)
    {
        if (File.Exists(argument))
        {
            await using var file = File.OpenRead(argument);
            return (await RmsClient.ReadHeaderAsync(file, ct)).ContentId;
        }

        return Guid.TryParse(argument, out var contentId)
            ? contentId
            : throw new UsageException($"{argument} is neither a protected file nor a content id");
    }

    /// <summary>"report.pdf (content id …)", or the content id alone for a document registered without a name.</summary>
    public static string Label(DocumentDetails document) =>
        document.FileName is { Length: > 0 } name ? $"{name} (content id {document.ContentId})" : $"content id {document.ContentId}";

    public static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
