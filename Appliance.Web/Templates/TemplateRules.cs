using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Data.Templates;

namespace Appliance.Web.Templates;

/// <summary>What a template request is checked against besides itself.</summary>
/// <param name="GroupEmails">The tenant's groups (lower case): a scope may name only these.</param>
/// <param name="TakenNames">Names of the tenant's other templates, in any language: a name must be new.</param>
public sealed record TemplateRuleContext(int MaxOfflineDays, IReadOnlySet<string> GroupEmails, IReadOnlySet<string> TakenNames, DateTimeOffset Now);

/// <summary>A request that passed every rule, normalised (trimmed, lower-cased principals, canonical rights).</summary>
public sealed record ValidTemplate(
    List<TemplateText> Texts,
    List<TemplateGrantEntry> Grants,
    TemplateExpiryMode ExpiryMode,
    DateTimeOffset? ExpiresOn,
    int? ExpiresAfterDays,
    TemplateOfflineMode OfflineMode,
    int? OfflineDays,
    List<string>? Scope,
    bool Archived);

/// <summary>
/// The rules of a template, all checked at once so that a wizard can show every message beside its field. Pure:
/// the context brings what the database knows.
/// </summary>
public static class TemplateRules
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 1000;
    public const int MaxGrants = 100;
    public const int MaxScopeGroups = 100;
    public const int MaxLanguages = 50;
    public const int MaxExpiryDays = 36_500;

    /// <summary>
    /// Refused in names: characters that break the places a name travels to or is typed in (markup, quoted
    /// command lines, file and path names, the <c>LANG=TEXT</c> and list syntaxes of scripts). Control and
    /// invisible formatting characters (bidirectional overrides, zero-width) are refused in names and
    /// descriptions alike, so that what an administrator reads is what users get.
    /// </summary>
    public const string ForbiddenNameCharacters = "<>\"\\/|;:";

    /// <summary>Refused in descriptions besides control and formatting characters (line breaks are allowed).</summary>
    public const string ForbiddenDescriptionCharacters = "<>";

    public static (ValidTemplate? Template, IReadOnlyList<TemplateFieldError> Errors) Validate(TemplateRequest request, TemplateRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<TemplateFieldError>();
        var texts = Texts(request.Names, request.Descriptions, context, errors);
        var grants = Grants(request.Grants, errors);
        var (expiryMode, expiresOn, expiresAfter) = Expiry(request.Expiry, context, errors);
        var (offlineMode, offlineDays) = Offline(request.Offline, context, errors);
        var scope = Scope(request.Scope, context, errors);
        var archived = false;
        if (request.Status is not null)
        {
            var status = request.Status.Trim().ToLowerInvariant();
            if (!TemplateModes.Statuses.Contains(status))
            {
                errors.Add(new("status", TemplateErrorCodes.StatusUnknown, $"The status must be one of {string.Join(", ", TemplateModes.Statuses)}."));
            }

            archived = status == TemplateModes.Archived;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidTemplate(texts, grants, expiryMode, expiresOn, expiresAfter, offlineMode, offlineDays, scope, archived), errors);
    }

    /// <summary>The canonical form of a BCP 47 language[-Script][-REGION] tag, or null when it is not one.</summary>
    public static string? LanguageTag(string? tag)
    {
        var parts = (tag ?? string.Empty).Trim().Split('-');
        if (parts.Length is 0 or > 3 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return null;
        }

        var result = new List<string> { parts[0].ToLowerInvariant() };
        var next = 1;
        if (next < parts.Length && parts[next].Length == 4 && parts[next].All(char.IsAsciiLetter))
        {
            result.Add(char.ToUpperInvariant(parts[next][0]) + parts[next][1..].ToLowerInvariant());
            next++;
        }

        if (next < parts.Length
            && ((parts[next].Length == 2 && parts[next].All(char.IsAsciiLetter)) || (parts[next].Length == 3 && parts[next].All(char.IsAsciiDigit))))
        {
            result.Add(parts[next].ToUpperInvariant());
            next++;
        }

        return next == parts.Length ? string.Join('-', result) : null;
    }

    private static List<TemplateText> Texts(
        IReadOnlyList<LocalizedText>? names, IReadOnlyList<LocalizedText>? descriptions, TemplateRuleContext context, List<TemplateFieldError> errors)
    {
        if (names is null || names.Count == 0)
        {
            errors.Add(new("names", TemplateErrorCodes.Required, "Give the template a name in at least one language."));
        }

        if (descriptions is null || descriptions.Count == 0)
        {
            errors.Add(new("descriptions", TemplateErrorCodes.Required, "Give the template a description in at least one language."));
        }

        var nameByLanguage = TextsByLanguage("names", "name", names ?? [], MaxNameLength, ForbiddenNameCharacters, errors);
        var descriptionByLanguage = TextsByLanguage("descriptions", "description", descriptions ?? [], MaxDescriptionLength, ForbiddenDescriptionCharacters, errors);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            var name = names![i]?.Text?.Trim();
            if (!string.IsNullOrEmpty(name) && context.TakenNames.Contains(name))
            {
                errors.Add(new($"names[{i}].text", TemplateErrorCodes.NameTaken, $"Another template of this organisation is already called '{name}'."));
            }
        }

        // Compared on the tags as given, once every tag is sound, so that one bad entry is reported once.
        var nameLanguages = (names ?? []).Select(n => LanguageTag(n?.Language)).ToList();
        var descriptionLanguages = (descriptions ?? []).Select(d => LanguageTag(d?.Language)).ToList();
        var soundTags = !errors.Any(e => e.Code is TemplateErrorCodes.LanguageInvalid or TemplateErrorCodes.LanguageDuplicate);
        if (soundTags && nameLanguages.Count > 0 && descriptionLanguages.Count > 0)
        {
            var missing = nameLanguages.Except(descriptionLanguages, StringComparer.Ordinal).ToList();
            var extra = descriptionLanguages.Except(nameLanguages, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                var why = missing.Count > 0 ? $"no description in {string.Join(", ", missing)}" : $"no name in {string.Join(", ", extra)}";
                errors.Add(new("descriptions", TemplateErrorCodes.LanguagesMismatch,
                    $"Names and descriptions need the same languages: there is {why}."));
            }
        }

        return [.. nameByLanguage.Where(n => descriptionByLanguage.ContainsKey(n.Key))
            .Select(n => new TemplateText { Language = n.Key, Name = n.Value, Description = descriptionByLanguage[n.Key] })];
    }

    private static Dictionary<string, string> TextsByLanguage(
        string field, string what, IReadOnlyList<LocalizedText> texts, int maxLength, string forbidden, List<TemplateFieldError> errors)
    {
        // Insertion order is kept: the first language is the one shown when none matches the reader's.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (texts.Count > MaxLanguages)
        {
            errors.Add(new(field, TemplateErrorCodes.OutOfRange, $"At most {MaxLanguages} languages."));
            return result;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var language = LanguageTag(texts[i]?.Language);
            if (language is null)
            {
                errors.Add(new($"{field}[{i}].language", TemplateErrorCodes.LanguageInvalid,
                    $"'{texts[i]?.Language}' is not a language tag such as en-US or de."));
            }
            else if (result.ContainsKey(language))
            {
                errors.Add(new($"{field}[{i}].language", TemplateErrorCodes.LanguageDuplicate, $"There is already a {what} in {language}."));
                language = null;
            }

            var text = texts[i]?.Text?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                errors.Add(new($"{field}[{i}].text", TemplateErrorCodes.Required, $"The {what} cannot be empty."));
            }
            else if (text.Length > maxLength)
            {
                errors.Add(new($"{field}[{i}].text", TemplateErrorCodes.TooLong, $"The {what} has more than {maxLength} characters."));
            }
            else if (FirstForbidden(text, forbidden, allowLineBreaks: what == "description") is { } bad)
            {
                errors.Add(new($"{field}[{i}].text", TemplateErrorCodes.ForbiddenCharacter, $"The {what} contains {Describe(bad)}, which is not allowed."));
            }
            else if (language is not null)
            {
                result[language] = text;
            }
        }

        return result;
    }

    private static List<TemplateGrantEntry> Grants(IReadOnlyList<TemplateGrant>? grants, List<TemplateFieldError> errors)
    {
        var result = new List<TemplateGrantEntry>();
        if (grants is null || grants.Count == 0)
        {
            errors.Add(new("grants", TemplateErrorCodes.Required, "Grant rights to at least one user, group or the whole organisation."));
            return result;
        }

        if (grants.Count > MaxGrants)
        {
            errors.Add(new("grants", TemplateErrorCodes.OutOfRange, $"At most {MaxGrants} grants."));
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < grants.Count; i++)
        {
            var grant = grants[i];
            var principal = grant?.Principal?.Trim().ToLowerInvariant() ?? string.Empty;
            var principalOk = false;
            if (principal != TemplatePrincipals.Organization && !IsAddress(principal))
            {
                errors.Add(new($"grants[{i}].principal", TemplateErrorCodes.PrincipalInvalid,
                    $"'{grant?.Principal}' is neither a user's or group's e-mail address nor '{TemplatePrincipals.Organization}'."));
            }
            else if (!seen.Add(principal))
            {
                errors.Add(new($"grants[{i}].principal", TemplateErrorCodes.PrincipalDuplicate, $"{principal} is granted twice; merge the two grants."));
            }
            else
            {
                principalOk = true;
            }

            var rights = GrantRights(grant, i, errors, out var preset);
            if (principalOk && rights is not null)
            {
                result.Add(new TemplateGrantEntry { Principal = principal, Preset = preset, Rights = string.Join(',', rights) });
            }
        }

        return result;
    }

    private static IReadOnlyList<string>? GrantRights(TemplateGrant? grant, int index, List<TemplateFieldError> errors, out string? preset)
    {
        preset = null;
        var hasRights = grant?.Rights is { Count: > 0 };
        if (!string.IsNullOrWhiteSpace(grant?.Preset))
        {
            if (hasRights)
            {
                errors.Add(new($"grants[{index}].rights", TemplateErrorCodes.PresetAndRights, "Choose a preset or a custom list of rights, not both."));
                return null;
            }

            preset = TemplatePresets.Canonical(grant.Preset);
            if (preset is null)
            {
                errors.Add(new($"grants[{index}].preset", TemplateErrorCodes.PresetUnknown,
                    $"'{grant.Preset}' is not a preset; choose one of {string.Join(", ", TemplatePresets.Names)}."));
                return null;
            }

            return TemplatePresets.RightsOf(preset);
        }

        if (!hasRights)
        {
            errors.Add(new($"grants[{index}].rights", TemplateErrorCodes.Required, "Choose a preset or at least one right."));
            return null;
        }

        var unknown = grant!.Rights!.FirstOrDefault(r => r is null || !UsageRights.IsKnown(r.Trim().ToUpperInvariant()));
        if (unknown is not null || grant.Rights!.Any(r => r.Contains(',', StringComparison.Ordinal)))
        {
            errors.Add(new($"grants[{index}].rights", TemplateErrorCodes.RightUnknown,
                $"'{unknown}' is not a right; the rights are {string.Join(", ", UsageRights.All)}."));
            return null;
        }

        return UsageRights.Parse(string.Join(',', grant.Rights!));
    }

    private static (TemplateExpiryMode, DateTimeOffset?, int?) Expiry(TemplateExpiry? expiry, TemplateRuleContext context, List<TemplateFieldError> errors)
    {
        switch (expiry?.Mode?.Trim().ToLowerInvariant())
        {
            case null:
                errors.Add(new("expiry.mode", TemplateErrorCodes.Required, "Choose when content expires: never, on a date, or some days after protection."));
                break;
            case TemplateModes.Never:
                return (TemplateExpiryMode.Never, null, null);
            case TemplateModes.Date when expiry.Date is null:
                errors.Add(new("expiry.date", TemplateErrorCodes.Required, "Give the date on which content expires."));
                break;
            case TemplateModes.Date when expiry.Date <= context.Now:
                errors.Add(new("expiry.date", TemplateErrorCodes.DateInPast, "The expiry date has already passed."));
                break;
            case TemplateModes.Date:
                return (TemplateExpiryMode.OnDate, expiry.Date!.Value.ToUniversalTime(), null);
            case TemplateModes.Days when expiry.Days is not (>= 1 and <= MaxExpiryDays):
                errors.Add(new("expiry.days", TemplateErrorCodes.OutOfRange, $"Content expires 1 to {MaxExpiryDays} days after protection."));
                break;
            case TemplateModes.Days:
                return (TemplateExpiryMode.AfterDays, null, expiry.Days);
            default:
                errors.Add(new("expiry.mode", TemplateErrorCodes.ModeUnknown, $"The expiry is one of {string.Join(", ", TemplateModes.ExpiryModes)}."));
                break;
        }

        return (TemplateExpiryMode.Never, null, null);
    }

    private static (TemplateOfflineMode, int?) Offline(TemplateOfflineAccess? offline, TemplateRuleContext context, List<TemplateFieldError> errors)
    {
        switch (offline?.Mode?.Trim().ToLowerInvariant())
        {
            case null:
                errors.Add(new("offline.mode", TemplateErrorCodes.Required, "Choose the offline access: always, never, or a number of days."));
                break;
            case TemplateModes.Always:
                return (TemplateOfflineMode.Always, null);
            case TemplateModes.Never:
                return (TemplateOfflineMode.Never, null);
            case TemplateModes.Days when offline.Days is not >= 1:
                errors.Add(new("offline.days", TemplateErrorCodes.OutOfRange, "Offline access is at least 1 day; choose never for none."));
                break;
            case TemplateModes.Days when offline.Days > context.MaxOfflineDays:
                errors.Add(new("offline.days", TemplateErrorCodes.AboveTenantMaximum,
                    $"The organisation allows at most {context.MaxOfflineDays} days of offline access."));
                break;
            case TemplateModes.Days:
                return (TemplateOfflineMode.Days, offline.Days);
            default:
                errors.Add(new("offline.mode", TemplateErrorCodes.ModeUnknown, $"The offline access is one of {string.Join(", ", TemplateModes.OfflineModes)}."));
                break;
        }

        return (TemplateOfflineMode.Never, null);
    }

    private static List<string>? Scope(IReadOnlyList<string>? scope, TemplateRuleContext context, List<TemplateFieldError> errors)
    {
        if (scope is null)
        {
            return null;
        }

        if (scope.Count == 0)
        {
            errors.Add(new("scope", TemplateErrorCodes.Required, "Name at least one group, or leave the scope out to offer the template to everyone."));
            return null;
        }

        if (scope.Count > MaxScopeGroups)
        {
            errors.Add(new("scope", TemplateErrorCodes.OutOfRange, $"At most {MaxScopeGroups} groups."));
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < scope.Count; i++)
        {
            var group = scope[i]?.Trim().ToLowerInvariant() ?? string.Empty;
            if (!context.GroupEmails.Contains(group))
            {
                errors.Add(new($"scope[{i}]", TemplateErrorCodes.GroupUnknown, $"'{scope[i]}' is not a group of this organisation."));
            }
            else if (result.Contains(group))
            {
                errors.Add(new($"scope[{i}]", TemplateErrorCodes.PrincipalDuplicate, $"{group} is named twice."));
            }
            else
            {
                result.Add(group);
            }
        }

        return result;
    }

    // Loose on purpose, like the client's: the appliance grants to addresses it may not know yet (partners).
    private static bool IsAddress(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return text.Length <= 256 && at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1
            && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';' or '=');
    }

    private static string? FirstForbidden(string text, string forbidden, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (allowLineBreaks && c is '\n' or '\r')
            {
                continue;
            }

            if (char.IsControl(c) || forbidden.Contains(c, StringComparison.Ordinal)
                || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
                || (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])))
                || char.IsLowSurrogate(c))
            {
                return c.ToString();
            }
        }

        return null;
    }

    private static string Describe(string character) =>
        character[0] < ' ' || char.IsControl(character[0]) || char.GetUnicodeCategory(character[0]) == System.Globalization.UnicodeCategory.Format
            || char.IsSurrogate(character[0])
            ? $"the invisible character U+{(int)character[0]:X4}"
            : $"'{character}'";
}
