using Appliance.Crypto.Licensing;

namespace Appliance.Crypto.Protocol;

// The JSON bodies of the template calls (docs/protocol.md, "Rights policy templates"). Modes and statuses are
// strings from TemplateModes, so that a client that sends an unknown one gets a field error, not a parse error.

/// <summary>A text in one language: <paramref name="Language"/> is a BCP 47 tag such as <c>en-US</c>.</summary>
public sealed record LocalizedText(string Language, string Text);

/// <summary>
/// Rights for one principal: a user's or group's e-mail address, or <see cref="TemplatePrincipals.Organization"/>.
/// Either <paramref name="Preset"/> (a <see cref="TemplatePresets"/> name) or a custom <paramref name="Rights"/> list.
/// </summary>
public sealed record TemplateGrant(string Principal, string? Preset, IReadOnlyList<string>? Rights);

/// <summary>Content expiry: <c>never</c>, on <paramref name="Date"/> (<c>date</c>) or <paramref name="Days"/> after protection (<c>days</c>).</summary>
public sealed record TemplateExpiry(string Mode, DateTimeOffset? Date = null, int? Days = null)
{
    /// <summary>
    /// The policy's expiry for content protected at <paramref name="protectedAt"/>; false for a mode this build does
    /// not know (a newer appliance), so a client refuses rather than protect without the expiry.
    /// </summary>
    public bool TryResolve(DateTimeOffset protectedAt, out DateTimeOffset? expiresAt)
    {
        (var known, expiresAt) = Mode switch
        {
            TemplateModes.Never => (true, (DateTimeOffset?)null),
            TemplateModes.Date => (true, Date),
            TemplateModes.Days => (true, protectedAt.AddDays(Days ?? 0)),
            _ => (false, null),
        };
        return known;
    }
}

/// <summary>Offline access: <c>always</c> (the tenant's maximum), <c>never</c>, or <paramref name="Days"/> (<c>days</c>).</summary>
public sealed record TemplateOfflineAccess(string Mode, int? Days = null);

/// <summary>
/// Creates or replaces a template. <paramref name="Scope"/> null: every user of the organisation may apply it;
/// otherwise only members (nested included) of these groups. <paramref name="Status"/> null: <c>published</c>.
/// </summary>
public sealed record TemplateRequest(
    IReadOnlyList<LocalizedText>? Names,
    IReadOnlyList<LocalizedText>? Descriptions,
    IReadOnlyList<TemplateGrant>? Grants,
    TemplateExpiry? Expiry,
    TemplateOfflineAccess? Offline,
    IReadOnlyList<string>? Scope,
    string? Status = null);

/// <summary>A template as administrators see it. <paramref name="Used"/>: content was protected with it, so it cannot be deleted.</summary>
public sealed record TemplateDetails(
    Guid Id,
    Guid TenantId,
    IReadOnlyList<LocalizedText> Names,
    IReadOnlyList<LocalizedText> Descriptions,
    IReadOnlyList<TemplateGrant> Grants,
    TemplateExpiry Expiry,
    TemplateOfflineAccess Offline,
    IReadOnlyList<string>? Scope,
    string Status,
    bool IsDefault,
    bool Used,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One broken rule of a template request: <paramref name="Field"/> is a path such as <c>grants[1].rights</c>.</summary>
public sealed record TemplateFieldError(string Field, string Code, string Message);

/// <summary>
/// A template the signed-in user may apply (<c>GET /api/v1/templates</c>), in one language, with everything a
/// client needs to build the policy offline: the grants as they go into the policy (presets resolved), the expiry
/// rule and the offline days (<c>always</c> resolved to the tenant's maximum, <c>never</c> to 0).
/// </summary>
public sealed record AvailableTemplate(
    Guid Id,
    string Name,
    string Description,
    string Language,
    IReadOnlyList<RightsGrant> Grants,
    TemplateExpiry Expiry,
    int OfflineDays);
