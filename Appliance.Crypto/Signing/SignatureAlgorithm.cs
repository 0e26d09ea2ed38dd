namespace Appliance.Crypto.Signing;

/// <summary>The JWS algorithms every signed structure may use. Wire names: "ES256", "RS256".</summary>
public enum SignatureAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256; the signature is raw r||s (64 bytes, IEEE P1363).</summary>
    Es256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    Rs256,
}
