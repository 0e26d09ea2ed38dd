using System.Security.Cryptography;

namespace Appliance.Client.Sdk;

/// <summary>
/// An external recipient on this device: the address they proved with an e-mailed code, and a key pair
/// made on the device. There is no bootstrap for them, so use licences are wrapped to this key instead.
/// </summary>
public sealed record ExternalIdentity(string Email, byte[] DevicePrivateKey)
{
    /// <summary>A new RSA-2048 device key (PKCS#8) for <paramref name="email"/>.</summary>
    public static ExternalIdentity Generate(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        using var rsa = RSA.Create(2048);
        return new ExternalIdentity(email, rsa.ExportPkcs8PrivateKey());
    }

    /// <summary>The device's private key; the caller disposes it.</summary>
    public RSA OpenPrivateKey()
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(DevicePrivateKey, out _);
            return rsa;
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new RmsException(ClientErrorCodes.NoIdentity, "this device's key is damaged; run rms login --email-code again", ex);
        }
    }

    /// <summary>The public half (SubjectPublicKeyInfo DER), sent with every licence request.</summary>
    public byte[] PublicKey()
    {
        using var rsa = OpenPrivateKey();
        return rsa.ExportSubjectPublicKeyInfo();
    }

    // SECURITY: the generated record ToString would print the private key.
    public override string ToString() => $"ExternalIdentity {{ Email = {Email} }}";
}
