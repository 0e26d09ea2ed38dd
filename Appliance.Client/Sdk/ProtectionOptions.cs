using Appliance.Crypto.Licensing;

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
}

/// <summary>The result of protecting a document.</summary>
public sealed record ProtectionResult(Guid ContentId, string PublishingLicense, ProtectionPolicy Policy, DateTimeOffset RegisteredAt);
