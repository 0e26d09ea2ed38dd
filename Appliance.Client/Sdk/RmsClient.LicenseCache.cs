using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;

namespace Appliance.Client.Sdk;

// Offline use: a use licence says (validUntil, docs/protocol.md "POST /api/v1/licenses") until when it may be used
// without asking the appliance again. Such a licence is kept in the ILicenseCache and used from there while it is valid, never after;
// one without a ValidUntil ("always ask") is never kept.
public sealed partial class RmsClient
{
    // A clock this far before the licence's issue time has been turned back; it cannot judge the licence's validity.
    private static readonly TimeSpan IssueTimeSkew = TimeSpan.FromMinutes(5);

    private readonly ILicenseCache? _licenseCache;

    /// <summary>The cached licence for the document when it still verifies and is valid now; otherwise it is removed.</summary>
    private DocumentLicense? OpenFromCache(ProtectedFileHeader header, TrustedIdentity identity)
    {
        if (_licenseCache?.Read(header.ContentId) is not { } useLicense)
        {
            return null;
        }

        if (VerifyCached(useLicense, header, identity) is { } content && IsUsableOffline(content))
        {
            return new DocumentLicense(header, content, useLicense, identity.OpenPrivateKey, fromCache: true);
        }

        // Past its validity, or no longer verifying (altered, someone else's, signed by a key this device does not
        // trust): it will never be good again, and the appliance is asked instead.
        _licenseCache.Remove(header.ContentId);
        return null;
    }

    /// <summary>Keeps a licence the appliance issued when it may be used offline; drops an older one when it may not.</summary>
    private void Remember(UseLicenseContent content, string useLicense)
    {
        if (_licenseCache is null)
        {
            return;
        }

        if (IsUsableOffline(content))
        {
            _licenseCache.Write(content.ContentId, useLicense);
        }
        else
        {
            _licenseCache.Remove(content.ContentId);
        }
    }

    private bool IsUsableOffline(UseLicenseContent content)
    {
        var now = _time.GetUtcNow();
        return content.ValidUntil is { } validUntil && validUntil > now && content.IssuedAt <= now + IssueTimeSkew;
    }

    // No bootstrap for an unknown key here: a cached licence is only as good as what the device already trusts.
    private static UseLicenseContent? VerifyCached(string useLicense, ProtectedFileHeader header, TrustedIdentity identity)
    {
        if (JwsKid.Read(useLicense) is not { } kid || identity.FindSigningKey(kid) is not { } key)
        {
            return null;
        }

        try
        {
            return VerifyUseLicense(useLicense, key, header, identity.User);
        }
        catch (RmsException)
        {
            return null;
        }
    }
}
