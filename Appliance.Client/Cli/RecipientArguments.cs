using MimeKit;

namespace Appliance.Client.Cli;

/// <summary>The recipients of `--do-not-forward`: `--to ADDRESS[,ADDRESS...]`, or the To, Cc and Bcc of an e-mail file.</summary>
public static class RecipientArguments
{
    public const string Syntax = "ADDRESS[,ADDRESS...]";

    /// <summary>True for an e-mail file (.eml), whose headers name the recipients when --to is absent.</summary>
    public static bool IsMessage(string path) => string.Equals(Path.GetExtension(path), ".eml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The addresses of every `--to` value, lower-cased, each once, in the order given.</summary>
    public static IReadOnlyList<string> ParseTo(IEnumerable<string> values)
    {
        var addresses = new List<string>();
        foreach (var entry in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!GrantParser.LooksLikeEmail(entry))
            {
                throw new UsageException($"--to '{entry}' is not an e-mail address");
            }

            addresses.Add(entry.ToLowerInvariant());
        }

        return addresses.Count > 0
            ? [.. addresses.Distinct(StringComparer.Ordinal)]
            : throw new UsageException($"--to names no address; it must look like {Syntax}");
    }

    /// <summary>
    /// Every mailbox in the To, Cc and Bcc headers of the message in <paramref name="path"/> (members of address
    /// groups included), lower-cased, each once. Only the headers are read, however large the message.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FromMessageAsync(string path, CancellationToken ct)
    {
        HeaderList headers;
        await using (var stream = File.OpenRead(path))
        {
            try
            {
                headers = await HeaderList.LoadAsync(stream, ct);
            }
            catch (FormatException)
            {
                throw new UsageException($"{path} is not an e-mail message; name the recipients with --to");
            }
        }

        var addresses = new List<string>();
        foreach (var header in headers.Where(h => h.Id is HeaderId.To or HeaderId.Cc or HeaderId.Bcc))
        {
            // SECURITY: a header that cannot be read would leave its recipients out without a word; refuse instead.
            if (!InternetAddressList.TryParse(header.RawValue, out var list))
            {
                throw new UsageException($"the {header.Field} header of {path} cannot be read as addresses; name the recipients with --to");
            }

            foreach (var mailbox in list.Mailboxes)
            {
                if (!GrantParser.LooksLikeEmail(mailbox.Address))
                {
                    throw new UsageException($"the {header.Field} header of {path} names '{mailbox.Address}', which is not an e-mail address; name the recipients with --to");
                }

                addresses.Add(mailbox.Address.ToLowerInvariant());
            }
        }

        return addresses.Count > 0
            ? [.. addresses.Distinct(StringComparer.Ordinal)]
            : throw new UsageException($"{path} has no To, Cc or Bcc recipient; name the recipients with --to");
    }
}
