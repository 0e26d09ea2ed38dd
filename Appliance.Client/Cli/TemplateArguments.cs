using System.Globalization;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;

namespace Appliance.Client.Cli;

/// <summary>
/// Parses the options of `rms admin template add` into a template request. Only the shape is checked here; the
/// appliance applies the rules (languages, characters, groups, the tenant's offline maximum) and names the field.
/// </summary>
public static class TemplateArguments
{
    public const string TextSyntax = "LANG=TEXT";
    public const string GrantSyntax = "PRINCIPAL=PRESET|RIGHT[,RIGHT...]";
    public const string ExpirySyntax = "never|DATE|Nd";
    public const string OfflineSyntax = "always|never|Nd";

    /// <summary>`en-US=Sales only` → (en-US, Sales only); the text may contain '='.</summary>
    public static LocalizedText Text(string option, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new UsageException($"{option} '{value}' must look like {TextSyntax}, e.g. en-US=Sales only");
        }

        return new LocalizedText(value[..equals].Trim(), value[(equals + 1)..].Trim());
    }

    /// <summary>
    /// `sales@contoso.com=Viewer`, `organization=VIEW,PRINT`: a preset (Viewer, RestrictedEditor, Editor, Owner, any
    /// case) or a comma-separated list of rights.
    /// </summary>
    public static TemplateGrant Grant(string value)
    {
        var equals = value.LastIndexOf('=');
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new UsageException($"--grant '{value}' must look like {GrantSyntax}");
        }

        var principal = value[..equals].Trim().ToLowerInvariant();
        var what = value[(equals + 1)..].Trim();
        if (TemplatePresets.Canonical(what) is { } preset)
        {
            return new TemplateGrant(principal, preset, null);
        }

        var names = what.Split(',', StringSplitOptions.TrimEntries);
        var unknown = names.FirstOrDefault(n => !UsageRights.IsKnown(n.ToUpperInvariant()));
        if (unknown is not null)
        {
            throw new UsageException(
                $"--grant '{value}': '{unknown}' is neither a preset ({string.Join(", ", TemplatePresets.Names)}) nor a right ({string.Join(", ", UsageRights.All)})");
        }

        return new TemplateGrant(principal, null, UsageRights.Parse(what));
    }

    /// <summary>`never`, `30d` (days after protection) or an ISO 8601 date (UTC unless it carries an offset).</summary>
    public static TemplateExpiry Expiry(string value)
    {
        var text = value.Trim();
        if (text.Equals(TemplateModes.Never, StringComparison.OrdinalIgnoreCase))
        {
            return new TemplateExpiry(TemplateModes.Never);
        }

        if (Days(text) is { } days)
        {
            return new TemplateExpiry(TemplateModes.Days, Days: days);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? new TemplateExpiry(TemplateModes.Date, date.ToUniversalTime())
            : throw new UsageException($"--expires '{value}' must be {ExpirySyntax}: never, a date such as 2030-12-31, or days such as 30d");
    }

    /// <summary>`always`, `never` or `7d`.</summary>
    public static TemplateOfflineAccess Offline(string value)
    {
        var text = value.Trim();
        if (text.Equals(TemplateModes.Always, StringComparison.OrdinalIgnoreCase) || text.Equals(TemplateModes.Never, StringComparison.OrdinalIgnoreCase))
        {
            return new TemplateOfflineAccess(text.ToLowerInvariant());
        }

        return Days(text) is { } days
            ? new TemplateOfflineAccess(TemplateModes.Days, days)
            : throw new UsageException($"--offline '{value}' must be {OfflineSyntax}, e.g. 7d");
    }

    private static int? Days(string text) =>
        text.Length > 1 && char.ToLowerInvariant(text[^1]) == 'd'
        && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            ? days
            : null;
}
