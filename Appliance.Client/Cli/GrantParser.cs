using Appliance.Crypto.Licensing;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Cli;

/// <summary>Parses `--grant EMAIL=RIGHT[,RIGHT...]` values into policy grants.</summary>
public static class GrantParser
{
    public const string Syntax = "EMAIL=RIGHT[,RIGHT...]";

    /// <summary>
    /// One grant per distinct principal (lower-cased; repeated principals have their rights merged), rights
    /// in catalogue order. Throws <see cref="UsageException"/> naming the bad value or the unknown right.
    /// </summary>
    public static IReadOnlyList<RightsGrant> Parse(IEnumerable<string> values)
    {
        var rightsByPrincipal = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (principal, rights) = ParseOne(value);
            if (!rightsByPrincipal.TryGetValue(principal, out var existing))
            {
                rightsByPrincipal[principal] = existing = [];
            }

            existing.AddRange(rights);
        }

        return [.. rightsByPrincipal.Select(p => new RightsGrant(p.Key, UsageRights.Parse(string.Join(',', p.Value))))];
    }

    private static (string Principal, IReadOnlyList<string> Rights) ParseOne(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new UsageException($"--grant '{value}' must look like {Syntax}");
        }

        var principal = value[..equals].Trim().ToLowerInvariant();
        if (!LooksLikeEmail(principal))
        {
            throw new UsageException($"--grant '{value}' does not start with an e-mail address");
        }

        var names = value[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(string.IsNullOrEmpty))
        {
            throw new UsageException($"--grant '{value}' has an empty right; it must look like {Syntax}");
        }

        var unknown = names.FirstOrDefault(n => !UsageRights.IsKnown(n.ToUpperInvariant()));
        if (unknown is not null)
        {
            throw new UsageException(
                $"unknown right '{unknown}' in --grant '{value}'; known rights: {string.Join(", ", UsageRights.All)}");
        }

        try
        {
            return (principal, UsageRights.Parse(string.Join(',', names)));
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--grant '{value}': {ex.Message}");
        }
    }

    // Deliberately loose: the appliance decides who exists; this only catches a swapped or missing part.
    internal static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == text.LastIndexOf('@')
            && at < text.Length - 1
            && !text.Any(char.IsWhiteSpace);
    }
}
