namespace Appliance.Crypto.Rights;

/// <summary>
/// The catalogue of usage rights a policy can grant. The names and their order are part of the wire
/// format (docs/format.md): licences carry them as these exact upper-case strings.
/// </summary>
public static class UsageRights
{
    public const string View = "VIEW";
    public const string Edit = "EDIT";
    public const string DocEdit = "DOCEDIT";
    public const string Comment = "COMMENT";
    public const string Print = "PRINT";
    public const string Extract = "EXTRACT";
    public const string Export = "EXPORT";
    public const string Forward = "FORWARD";
    public const string Reply = "REPLY";
    public const string ReplyAll = "REPLYALL";
    public const string ObjModel = "OBJMODEL";
    public const string ViewRightsData = "VIEWRIGHTSDATA";
    public const string EditRightsData = "EDITRIGHTSDATA";
    public const string Owner = "OWNER";

    private static readonly string[] Catalogue =
    [
        View, Edit, DocEdit, Comment, Print, Extract, Export, Forward, Reply, ReplyAll, ObjModel,
        ViewRightsData, EditRightsData, Owner,
    ];

    /// <summary>The 14 rights, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Catalogue);

    /// <summary>True when <paramref name="right"/> is one of the catalogue names, spelled exactly (upper case).</summary>
    public static bool IsKnown(string right) => right is not null && Array.IndexOf(Catalogue, right) >= 0;

    /// <summary>
    /// Parses a comma-separated list ("view, Print,VIEW"): trims, upper-cases, drops empty entries and
    /// duplicates, and returns the rights in catalogue order.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is not a known right; the message names it.</exception>
    public static IReadOnlyList<string> Parse(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        var seen = new bool[Catalogue.Length];
        foreach (var entry in commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Array.IndexOf(Catalogue, entry.ToUpperInvariant());
            if (index < 0)
            {
                throw new ArgumentException($"Unknown usage right '{entry}'.", nameof(commaSeparated));
            }

            seen[index] = true;
        }

        return InCatalogueOrder(seen);
    }

    /// <summary>True when <paramref name="held"/> contains <paramref name="wanted"/> or OWNER (which implies every right).</summary>
    public static bool Grants(IEnumerable<string> held, string wanted)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentException.ThrowIfNullOrWhiteSpace(wanted);
        var normalisedWanted = wanted.Trim();
        foreach (var right in held)
        {
            if (right is null)
            {
                continue;
            }

            if (string.Equals(right, Owner, StringComparison.OrdinalIgnoreCase)
                || string.Equals(right, normalisedWanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Canonical form of a list that must already hold only known names: de-duplicated, catalogue order.</summary>
    internal static IReadOnlyList<string> Canonicalize(IEnumerable<string> rights, string parameterName)
    {
        var seen = new bool[Catalogue.Length];
        foreach (var right in rights)
        {
            var index = right is null ? -1 : Array.IndexOf(Catalogue, right.Trim().ToUpperInvariant());
            if (index < 0)
            {
                throw new ArgumentException($"Unknown usage right '{right}'.", parameterName);
            }

            seen[index] = true;
        }

        return InCatalogueOrder(seen);
    }

    private static string[] InCatalogueOrder(bool[] seen)
    {
        var result = new List<string>(Catalogue.Length);
        for (var i = 0; i < Catalogue.Length; i++)
        {
            if (seen[i])
            {
                result.Add(Catalogue[i]);
            }
        }

        return [.. result];
    }
}
