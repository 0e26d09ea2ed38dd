namespace Appliance.Data.Templates;

/// <summary>
/// A rights policy template of one tenant: who gets which rights, for how long, and who may apply it. Clients
/// build a policy from it offline; registration checks the policy against it (Appliance.Web/Templates).
/// </summary>
public sealed class RightsTemplate
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>A name and a description per language; the first is shown when no language matches.</summary>
    public List<TemplateText> Texts { get; set; } = [];

    public List<TemplateGrantEntry> Grants { get; set; } = [];

    public TemplateExpiryMode ExpiryMode { get; set; }

    /// <summary>With <see cref="TemplateExpiryMode.OnDate"/>: no new licences after this instant.</summary>
    public DateTimeOffset? ExpiresOn { get; set; }

    /// <summary>With <see cref="TemplateExpiryMode.AfterDays"/>: days from protection.</summary>
    public int? ExpiresAfterDays { get; set; }

    public TemplateOfflineMode OfflineMode { get; set; }

    /// <summary>With <see cref="TemplateOfflineMode.Days"/>.</summary>
    public int? OfflineDays { get; set; }

    /// <summary>Null: everyone in the tenant may apply it; otherwise the addresses of the groups whose members may.</summary>
    public List<string>? ScopeGroups { get; set; }

    public bool IsArchived { get; set; }

    /// <summary>Made by activation; does not count towards the tenant's limit of custom templates.</summary>
    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When content was first registered with it; once set, the template can be archived but not deleted.</summary>
    public DateTimeOffset? FirstUsedAt { get; set; }
}

public sealed class TemplateText
{
    /// <summary>A BCP 47 tag in its usual case (<c>en-US</c>).</summary>
    public required string Language { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }
}

public sealed class TemplateGrantEntry
{
    /// <summary>A lower-case address, or <c>organization</c> for every user of the tenant.</summary>
    public required string Principal { get; set; }

    /// <summary>The preset the rights came from, kept so the portal can show it; null for a custom list.</summary>
    public string? Preset { get; set; }

    /// <summary>Comma-separated, catalogue order.</summary>
    public required string Rights { get; set; }
}

public enum TemplateExpiryMode
{
    Never,
    OnDate,
    AfterDays,
}

public enum TemplateOfflineMode
{
    Always,
    Never,
    Days,
}
