namespace Appliance.Data.Usage;

/// <summary>
/// A signature, made in the HSM with a tenant signing key, over a chain's head at <see cref="Sequence"/>. Entries up to
/// it can no longer be rewritten, even with their hashes recomputed, without the signature failing.
/// </summary>
public sealed class UsageCheckpoint
{
    public long Id { get; set; }

    public required string Chain { get; set; }

    public long Sequence { get; set; }

    public required byte[] HeadHash { get; set; }

    public UsageCheckpointKind Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The tenant whose key signed: the chain's own, or for the appliance chain the oldest activated tenant.</summary>
    public Guid SignerTenantId { get; set; }

    public required string KeyId { get; set; }

    /// <summary>JWS name: "ES256" or "RS256".</summary>
    public required string Algorithm { get; set; }

    public required byte[] Signature { get; set; }
}

public enum UsageCheckpointKind
{
    Periodic = 0,
    OnDemand = 1,

    /// <summary>Marks a retention cut: entries up to <see cref="UsageCheckpoint.Sequence"/> were purged after it was signed.</summary>
    Retention = 2,
}
