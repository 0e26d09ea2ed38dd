namespace Appliance.Crypto.KeyWrap;

/// <summary>RSA-OAEP variants for wrapping keys. JWA wire names: "RSA-OAEP" (SHA-1) and "RSA-OAEP-256".</summary>
public enum KeyWrapAlgorithm
{
    /// <summary>RSA-OAEP with SHA-1 and MGF1-SHA-1: the only OAEP that SoftHSM2 2.6 offers.</summary>
    RsaOaepSha1,

    /// <summary>RSA-OAEP with SHA-256 and MGF1-SHA-256.</summary>
    RsaOaepSha256,
}
