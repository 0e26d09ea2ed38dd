namespace Appliance.Data.Users;

/// <summary>
/// A user's RSA key pair, issued at the first bootstrap so that every device gets the same keys.
/// The private key is stored only sealed under a tenant key version (random KEK wrapped with
/// RSA-OAEP in the HSM, PKCS#8 wrapped with AES-KWP under the KEK).
/// </summary>
public sealed class UserKeyPair
{
    public int Id { get; set; }

    public Guid UserId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>SubjectPublicKeyInfo DER.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>The tenant key version whose encryption key wraps <see cref="WrappedKek"/>.</summary>
    public required string TenantKeyId { get; set; }

    /// <summary>"RSA-OAEP" or "RSA-OAEP-256".</summary>
    public required string WrapAlgorithm { get; set; }

    public required byte[] WrappedKek { get; set; }

    public required byte[] WrappedPrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
