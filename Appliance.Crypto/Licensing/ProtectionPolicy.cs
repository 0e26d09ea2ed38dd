namespace Appliance.Crypto.Licensing;

/// <summary>
/// Who may do what with one document, travelling encrypted inside its publishing licence.
/// <paramref name="ExpiresAt"/>: no new use licences after it. <paramref name="OfflineDays"/>: how long a use licence
/// may be used without asking again (null: the server decides). <paramref name="TemplateId"/>/<paramref name="TemplateName"/>:
/// the template the policy came from, when it did.
/// </summary>
public sealed record ProtectionPolicy(
    string Owner,
    IReadOnlyList<RightsGrant> Grants,
    DateTimeOffset? ExpiresAt,
    int? OfflineDays,
    Guid? TemplateId,
    string? TemplateName);
