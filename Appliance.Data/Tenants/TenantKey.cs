namespace Appliance.Data.Tenants;

/// <summary>
/// One version of a tenant's key pair. Only public halves and the HSM object id are stored here;
/// the private keys never leave the region's HSM partition.
/// </summary>
public sealed class TenantKey
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public int Version { get; set; }

    /// <summary>The HSM key id (CKA_ID / CKA_LABEL stem) and the <c>kid</c> of everything signed with it.</summary>
    public required string KeyId { get; set; }

    public required string Region { get; set; }

    public TenantKeyState State { get; set; }

    /// <summary>"RSA-2048" or "RSA-3072".</summary>
    public required string EncryptionAlgorithm { get; set; }

    /// <summary>JWA name of the wrapping used with the encryption key: "RSA-OAEP" or "RSA-OAEP-256".</summary>
    public required string WrapAlgorithm { get; set; }

    /// <summary>JWS name of the signing algorithm: "ES256" or "RS256".</summary>
    public required string SigningAlgorithm { get; set; }

    /// <summary>SubjectPublicKeyInfo DER.</summary>
    public required byte[] EncryptionPublicKey { get; set; }

    /// <summary>SubjectPublicKeyInfo DER.</summary>
    public required byte[] SigningPublicKey { get; set; }

    /// <summary>The tenant certificate (self-signed JWS) that clients receive at bootstrap.</summary>
    public required string Certificate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
