namespace Appliance.Hsm;

/// <summary>Size of a tenant encryption key (RSA); RSA-2048 is the default, RSA-3072 unwraps about a third as fast.</summary>
public enum TenantKeyAlgorithm
{
    Rsa2048,
    Rsa3072,
}
