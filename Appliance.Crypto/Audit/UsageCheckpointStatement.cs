namespace Appliance.Crypto.Audit;

/// <summary>What a checkpoint's signature states: chain <see cref="Chain"/> had <see cref="HeadHash"/> at <see cref="Sequence"/>.</summary>
/// <param name="Kind">"Periodic", "OnDemand" or "Retention" (the entries up to <see cref="Sequence"/> were purged).</param>
/// <param name="Algorithm">JWS name of the signature: "ES256" or "RS256".</param>
public sealed record UsageCheckpointStatement(
    long Id,
    string Chain,
    long Sequence,
    byte[] HeadHash,
    string Kind,
    DateTimeOffset CreatedAt,
    Guid SignerTenantId,
    string KeyId,
    string Algorithm,
    byte[] Signature)
{
    public const string Retention = "Retention";
}
