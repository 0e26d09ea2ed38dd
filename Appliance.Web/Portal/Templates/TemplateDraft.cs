using System.Globalization;
using Appliance.Crypto.Protocol;
using Microsoft.Extensions.Primitives;

namespace Appliance.Web.Portal.Templates;

/// <summary>
/// The wizard's state as typed, before it is a valid request. Static rendering keeps no state between posts, so
/// every step posts the whole draft: its own inputs visibly, the other steps' as hidden fields (<see cref="DraftHiddenFields"/>).
/// </summary>
public sealed class TemplateDraft
{
    public const string Custom = "custom";
    public const string Everyone = "everyone";
    public const string Groups = "groups";

    public Guid TenantId { get; set; }

    public List<TextDraft> Texts { get; set; } = [new()];

    public List<GrantDraft> Grants { get; set; } = [new()];

    public string ExpiryMode { get; set; } = TemplateModes.Never;

    public string ExpiryDate { get; set; } = string.Empty;

    public string ExpiryDays { get; set; } = string.Empty;

    public string OfflineMode { get; set; } = TemplateModes.Days;

    public string OfflineDays { get; set; } = "7";

    public string ScopeMode { get; set; } = Everyone;

    /// <summary>Group addresses separated by spaces, commas or line breaks.</summary>
    public string ScopeGroups { get; set; } = string.Empty;

    public string Status { get; set; } = TemplateModes.Published;

    public static TemplateDraft From(TemplateDetails t) => new()
    {
        TenantId = t.TenantId,
        Texts = [.. t.Names.Select(n => new TextDraft
        {
            Language = n.Language,
            Name = n.Text,
            Description = t.Descriptions.FirstOrDefault(d => d.Language == n.Language)?.Text ?? string.Empty,
        })],
        Grants = [.. t.Grants.Select(g => new GrantDraft
        {
            Principal = g.Principal,
            Preset = g.Preset ?? Custom,
            Rights = g.Preset is null ? [.. g.Rights ?? []] : [],
        })],
        ExpiryMode = t.Expiry.Mode,
        ExpiryDate = t.Expiry.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ExpiryDays = t.Expiry.Days?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        OfflineMode = t.Offline.Mode,
        OfflineDays = t.Offline.Days?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        ScopeMode = t.Scope is null ? Everyone : Groups,
        ScopeGroups = t.Scope is null ? string.Empty : string.Join(' ', t.Scope),
        Status = t.Status,
    };

    /// <summary>Reads a posted draft; the field names are <see cref="DraftFields"/>'.</summary>
    public static TemplateDraft Read(Func<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var draft = new TemplateDraft
        {
            TenantId = Guid.TryParse(form(DraftFields.Tenant), out var tenant) ? tenant : Guid.Empty,
            Texts = [.. Enumerable.Range(0, Count(form(DraftFields.TextCount))).Select(i => new TextDraft
            {
                Language = form(DraftFields.Language(i)).ToString(),
                Name = form(DraftFields.Name(i)).ToString(),
                Description = form(DraftFields.Description(i)).ToString(),
            })],
            Grants = [.. Enumerable.Range(0, Count(form(DraftFields.GrantCount))).Select(i => new GrantDraft
            {
                Principal = form(DraftFields.Principal(i)).ToString(),
                AllUsers = form(DraftFields.AllUsers(i)).ToString() == "true",
                Preset = form(DraftFields.Preset(i)) is { Count: > 0 } preset ? preset.ToString() : Custom,
                Rights = [.. form(DraftFields.Rights(i)).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!)],
            })],
            ExpiryMode = form(DraftFields.ExpiryMode).ToString(),
            ExpiryDate = form(DraftFields.ExpiryDate).ToString(),
            ExpiryDays = form(DraftFields.ExpiryDays).ToString(),
            OfflineMode = form(DraftFields.OfflineMode).ToString(),
            OfflineDays = form(DraftFields.OfflineDays).ToString(),
            ScopeMode = form(DraftFields.ScopeMode).ToString(),
            ScopeGroups = form(DraftFields.ScopeGroups).ToString(),
            Status = form(DraftFields.Status).ToString(),
        };
        return draft;
    }

    /// <summary>
    /// The request the draft stands for. Text that is not a number or a date goes on as an impossible value, so that
    /// the rules, not this form, word the message.
    /// </summary>
    public TemplateRequest ToRequest() => new(
        [.. Texts.Select(t => new LocalizedText(t.Language, t.Name))],
        [.. Texts.Select(t => new LocalizedText(t.Language, t.Description))],
        [.. Grants.Select(g => g.ToGrant())],
        new TemplateExpiry(
            ExpiryMode,
            ExpiryMode == TemplateModes.Date ? DateOf(ExpiryDate) : null,
            ExpiryMode == TemplateModes.Days ? DaysOf(ExpiryDays) : null),
        new TemplateOfflineAccess(OfflineMode, OfflineMode == TemplateModes.Days ? DaysOf(OfflineDays) : null),
        ScopeMode == Groups ? GroupList() : null,
        Status);

    public IReadOnlyList<string> GroupList() =>
        ScopeGroups.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static int Count(StringValues value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 100) : 0;

    private static int? DaysOf(string text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) ? days : -1;

    // A date picker posts yyyy-MM-dd; content expires at the end of that day, UTC.
    private static DateTimeOffset? DateOf(string text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero)
            : DateTimeOffset.MinValue;
}

public sealed class TextDraft
{
    public string Language { get; set; } = "en-US";

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;
}

public sealed class GrantDraft
{
    public string Principal { get; set; } = string.Empty;

    /// <summary>Grants to every user of the organisation (<see cref="TemplatePrincipals.Organization"/>).</summary>
    public bool AllUsers { get; set; }

    /// <summary>A <see cref="TemplatePresets"/> name or <see cref="TemplateDraft.Custom"/>.</summary>
    public string Preset { get; set; } = TemplatePresets.Viewer;

    public List<string> Rights { get; set; } = [];

    public TemplateGrant ToGrant() => new(
        AllUsers ? TemplatePrincipals.Organization : Principal,
        Preset == TemplateDraft.Custom ? null : Preset,
        Preset == TemplateDraft.Custom ? Rights : null);
}
