using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk;

// External recipients (docs/protocol.md, "External recipients"): people outside every organisation who
// sign in with an e-mailed code, have no bootstrap, and open only what a grant names their address in.
public sealed partial class RmsClient
{
    public const string CannotProtectSentence = "external recipients can open documents shared with them but cannot protect";

    private readonly Dictionary<Guid, IReadOnlyList<TrustedTenantKey>> _tenantKeys = [];
    private ExternalIdentity? _external;

    /// <summary>True when signed in as an external recipient (a device key and no bootstrapped identity).</summary>
    public bool IsExternal => _identity is null && _external is not null;

    /// <summary>Asks the appliance to e-mail a one-time sign-in code to <paramref name="email"/> (no sign-in needed).</summary>
    public Task<EmailCodeSent> RequestEmailCodeAsync(string email, CancellationToken ct = default) =>
        _api.SendAnonymousAsync<EmailCodeSent>(HttpMethod.Post, "api/external/v1/codes", new EmailCodeRequest(email), ct);

    /// <summary>
    /// Signs an external recipient in with the code mailed to them, and from then on opens documents with
    /// <paramref name="device"/>'s key (whose address must be <paramref name="email"/>).
    /// </summary>
    public async Task<TokenSet> LoginWithEmailCodeAsync(string email, string code, ExternalIdentity device, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var tokens = await _api.EmailCodeGrantAsync(email, code, ct);
        _identity = null;
        _external = device;
        return tokens;
    }

    /// <summary>The public certificates of a tenant, to verify its use licences without a bootstrap.</summary>
    public Task<TenantCertificatesResponse> GetTenantCertificatesAsync(Guid tenantId, CancellationToken ct = default) =>
        _api.SendAsync<TenantCertificatesResponse>(HttpMethod.Get, $"api/external/v1/tenants/{tenantId}/certificates", null, ct);

    private void RefuseProtectAsExternal()
    {
        if (IsExternal)
        {
            throw new RmsException(ProblemCodes.ExternalUser, CannotProtectSentence);
        }
    }

    /// <summary>
    /// The licence is wrapped to the device key sent with the request and signed by the document's tenant,
    /// whose certificates come from the authenticated certificates call (fetched again once for a new kid,
    /// after a key roll).
    /// </summary>
    private async Task<DocumentLicense> OpenAsExternalAsync(ProtectedFileHeader header, ExternalIdentity external, CancellationToken ct)
    {
        var tenantId = TenantOf(header);
        var response = await AcquireLicenseAsync(new AcquireLicenseRequest(header.PublishingLicense, external.PublicKey()), ct);
        var kid = JwsKid.Read(response.UseLicense)
            ?? throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence from the appliance is malformed");

        var key = (await TenantKeysAsync(tenantId, refresh: false, ct)).FirstOrDefault(k => k.Signs(kid))
            ?? (await TenantKeysAsync(tenantId, refresh: true, ct)).FirstOrDefault(k => k.Signs(kid))
            ?? throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence is signed by a tenant key the appliance sent no certificate for");

        UseLicenseContent content;
        try
        {
            content = UseLicense.Verify(response.UseLicense, key.Certificate.SigningPublicKey);
        }
        catch (LicenseException ex)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence from the appliance failed verification", ex);
        }

        if (content.ContentId != header.ContentId || content.TenantId != tenantId)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the appliance sent a use licence for another document");
        }

        if (!string.Equals(content.IssuedTo, external.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the appliance sent a use licence issued to someone else");
        }

        return new DocumentLicense(header, content, response.UseLicense, external.OpenPrivateKey, fromCache: false);
    }

    // Only a lookup hint: the licence is checked against that tenant's certificates and must name it.
    private static Guid TenantOf(ProtectedFileHeader header)
    {
        try
        {
            return PublishingLicense.Parse(header.PublishingLicense).Content.TenantId;
        }
        catch (LicenseException ex)
        {
            throw new RmsException(ClientErrorCodes.DamagedFile, "the file's publishing licence is malformed", ex);
        }
    }

    private async Task<IReadOnlyList<TrustedTenantKey>> TenantKeysAsync(Guid tenantId, bool refresh, CancellationToken ct)
    {
        if (!refresh && _tenantKeys.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        var response = await GetTenantCertificatesAsync(tenantId, ct);
        var keys = new List<TrustedTenantKey>();
        foreach (var jws in response.TenantCertificates)
        {
            TenantCertificateContent certificate;
            try
            {
                certificate = TenantCertificate.Verify(jws);
            }
            catch (LicenseException ex)
            {
                throw new RmsException(ClientErrorCodes.InvalidLicense, "a tenant certificate from the appliance failed verification", ex);
            }

            if (certificate.TenantId != tenantId)
            {
                throw new RmsException(ClientErrorCodes.InvalidLicense, "a tenant certificate from the appliance belongs to another tenant");
            }

            keys.Add(new TrustedTenantKey(certificate, JwsKid.Read(jws)));
        }

        _tenantKeys[tenantId] = keys;
        return keys;
    }
}
