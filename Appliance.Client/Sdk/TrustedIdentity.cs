using System.Security.Cryptography;
using Appliance.Crypto.Licensing;

namespace Appliance.Client.Sdk;

/// <summary>A tenant key version whose certificate verified, and the kid its signatures carry.</summary>
internal sealed record TrustedTenantKey(TenantCertificateContent Certificate, string? SignatureKeyId)
{
    public bool Signs(string kid) =>
        string.Equals(Certificate.KeyId, kid, StringComparison.Ordinal)
        || string.Equals(SignatureKeyId, kid, StringComparison.Ordinal);
}

/// <summary>
/// An <see cref="RmsIdentity"/> whose tenant certificates (self-signed) and user certificate (signed by a
/// tenant key) verified, and whose private key matches the user certificate. The tenant certificates came
/// over the authenticated bootstrap call: that call, not the self-signature, is what anchors trust in them.
/// </summary>
internal sealed class TrustedIdentity
{
    private TrustedIdentity(RmsIdentity identity, UserCertificateContent user, IReadOnlyList<TrustedTenantKey> tenantKeys, TrustedTenantKey activeKey)
    {
        Identity = identity;
        User = user;
        TenantKeys = tenantKeys;
        ActiveKey = activeKey;
    }

    public RmsIdentity Identity { get; }

    public UserCertificateContent User { get; }

    public IReadOnlyList<TrustedTenantKey> TenantKeys { get; }

    public TrustedTenantKey ActiveKey { get; }

    public TrustedTenantKey? FindSigningKey(string kid) => TenantKeys.FirstOrDefault(k => k.Signs(kid));

    /// <summary>The user's private key; the caller disposes it.</summary>
    public RSA OpenPrivateKey()
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(Identity.UserPrivateKey, out _);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    public static TrustedIdentity Verify(RmsIdentity identity)
    {
        var keys = new List<TrustedTenantKey>();
        foreach (var jws in identity.TenantCertificates)
        {
            TenantCertificateContent certificate;
            try
            {
                certificate = TenantCertificate.Verify(jws);
            }
            catch (LicenseException ex)
            {
                throw Invalid("a tenant certificate from the appliance failed verification", ex);
            }

            if (certificate.TenantId != identity.Tenant.Id)
            {
                throw Invalid("a tenant certificate from the appliance belongs to another tenant", null);
            }

            keys.Add(new TrustedTenantKey(certificate, JwsKid.Read(jws)));
        }

        var active = keys.FirstOrDefault(k => string.Equals(k.Certificate.KeyId, identity.ActiveTenantKeyId, StringComparison.Ordinal))
            ?? throw Invalid("the appliance named an active tenant key but sent no certificate for it", null);

        var userKid = JwsKid.Read(identity.UserCertificate)
            ?? throw Invalid("the user certificate from the appliance is malformed", null);
        var issuer = keys.FirstOrDefault(k => k.Signs(userKid))
            ?? throw Invalid("the user certificate is signed by a tenant key the appliance sent no certificate for", null);

        UserCertificateContent user;
        try
        {
            user = UserCertificate.Verify(identity.UserCertificate, issuer.Certificate.SigningPublicKey);
        }
        catch (LicenseException ex)
        {
            throw Invalid("the user certificate from the appliance failed verification", ex);
        }

        if (user.TenantId != identity.Tenant.Id)
        {
            throw Invalid("the user certificate from the appliance belongs to another tenant", null);
        }

        EnsureKeyMatches(identity, user);
        return new TrustedIdentity(identity, user, keys, active);
    }

    private static void EnsureKeyMatches(RmsIdentity identity, UserCertificateContent user)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(identity.UserPrivateKey, out _);
        }
        catch (CryptographicException ex)
        {
            throw Invalid("the user private key from the appliance is not a valid RSA key", ex);
        }

        if (!rsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(user.PublicKey))
        {
            throw Invalid("the user private key from the appliance does not match the user certificate", null);
        }
    }

    private static RmsException Invalid(string message, Exception? inner) =>
        new(ClientErrorCodes.InvalidLicense, message, inner);
}
