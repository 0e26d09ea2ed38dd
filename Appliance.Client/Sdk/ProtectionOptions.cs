using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

/// <summary>What to protect a document for: its name and the ad-hoc grants, with optional limits.</summary>
public sealed record ProtectionOptions(string FileName, IReadOnlyList<RightsGrant> Grants)
{
    /// <summary>After this instant the appliance issues no new use licences.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>How many days a use licence may be used without asking the appliance again.</summary>
    public int? OfflineDays { get; init; }

    /// <summary>The MIME type recorded in the container; derived from <see cref="FileName"/> when null.</summary>
    public string? ContentType { get; init; }

    /// <summary>The template the policy comes from; the appliance checks at registration that the policy is that template's.</summary>
    public Guid? TemplateId { get; init; }

    public string? TemplateName { get; init; }

    /// <summary>Ask the appliance to e-mail the owner a digest of other people's opens and refusals.</summary>
    public bool NotifyOwner { get; init; }

    /// <summary>
    /// The policy of <paramref name="template"/>, exactly as the appliance expects it: its grants, its offline days,
    /// and its expiry (a number of days counts from <paramref name="now"/>, the moment of protection).
    /// </summary>
    public static ProtectionOptions FromTemplate(string fileName, AvailableTemplate template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (!template.Expiry.TryResolve(now, out var expiresAt))
        {
            throw new RmsException(ProblemCodes.ValidationFailed, $"the template '{template.Name}' has an expiry this client does not know ({template.Expiry.Mode}); update rms");
        }

        return new ProtectionOptions(fileName, template.Grants)
        {
            ExpiresAt = expiresAt,
            OfflineDays = template.OfflineDays,
            TemplateId = template.Id,
            TemplateName = template.Name,
        };
    }
}

/// <summary>The result of protecting a document.</summary>
public sealed record ProtectionResult(Guid ContentId, string PublishingLicense, ProtectionPolicy Policy, DateTimeOffset RegisteredAt);
