namespace Appliance.Crypto.KeyWrap;

/// <summary>
/// A user's private key as the server keeps it: <see cref="WrappedKek"/> is a random AES-256 key-encryption key
/// RSA-OAEP-wrapped under the tenant key <see cref="TenantKeyId"/>; <see cref="WrappedKey"/> is the PKCS#8 private
/// key wrapped under that KEK with AES key wrap with padding (RFC 5649).
/// </summary>
public sealed record WrappedPrivateKey(string TenantKeyId, KeyWrapAlgorithm Algorithm, byte[] WrappedKek, byte[] WrappedKey);
