using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;

namespace Appliance.Web.Tests.Support;

/// <summary>
/// A bootstrapped device written straight on Appliance.Crypto, so tests control every byte of what a
/// client sends (the real <c>rms</c> client is exercised by the end-to-end tests).
/// </summary>
public sealed class Publisher : IDisposable
{
    private Publisher(HttpClient http, BootstrapResponse identity)
    {
        Http = http;
        Identity = identity;
        UserKey = RSA.Create();
        UserKey.ImportPkcs8PrivateKey(identity.UserPrivateKey, out _);
        Tenant = TenantCertificate.Verify(identity.TenantCertificates.Single(c => TenantCertificate.Verify(c).KeyId == identity.ActiveTenantKeyId));
        Certificate = UserCertificate.Verify(identity.UserCertificate, Tenant.SigningPublicKey);
        _signer = new SoftwareSignatureKey(Certificate.UserId.ToString(), UserKey);
    }

    private readonly SoftwareSignatureKey _signer;

    public HttpClient Http { get; }

    public BootstrapResponse Identity { get; }

    public RSA UserKey { get; }

    public TenantCertificateContent Tenant { get; }

    public UserCertificateContent Certificate { get; }

    public static async Task<Publisher> BootstrapAsync(HttpClient signedIn)
    {
        using var response = await signedIn.PostAsync("/api/v1/bootstrap", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"bootstrap failed: {body}");
        return new Publisher(signedIn, (await response.Content.ReadFromJsonAsync<BootstrapResponse>())!);
    }

    /// <summary>Makes a publishing licence for a fresh content id; returns it with its content key.</summary>
    public async Task<(string License, byte[] ContentKey, Guid ContentId)> CreateLicenseAsync(params RightsGrant[] grants)
    {
        var contentId = Guid.NewGuid();
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var policy = new ProtectionPolicy(Certificate.Email, grants, null, null, null, null);
        var request = new PublishingLicenseRequest(contentId, Tenant.TenantId, "urn:test", Tenant.KeyId,
            Tenant.EncryptionPublicKey, Tenant.WrapAlgorithm, policy, contentKey);
        var license = await PublishingLicense.CreateAsync(request, _signer, Identity.UserCertificate, CancellationToken.None);
        return (license, contentKey, contentId);
    }

    /// <summary>
    /// A publishing licence signed by this device for a content id and content key of the caller's choosing, with itself
    /// as owner: what anyone who learnt a document's content key (from their own use licence) can write.
    /// </summary>
    public Task<string> ForgeLicenseAsync(Guid contentId, byte[] contentKey, params RightsGrant[] grants)
    {
        var policy = new ProtectionPolicy(Certificate.Email, grants, null, null, null, null);
        var request = new PublishingLicenseRequest(contentId, Tenant.TenantId, "urn:test", Tenant.KeyId,
            Tenant.EncryptionPublicKey, Tenant.WrapAlgorithm, policy, contentKey);
        return PublishingLicense.CreateAsync(request, _signer, Identity.UserCertificate, CancellationToken.None);
    }

    /// <summary>The content key of a use licence issued to this device's bootstrapped key.</summary>
    public byte[] ContentKeyOf(string useLicense)
    {
        var content = Verify(useLicense);
        return RsaKeyWrap.Unwrap(UserKey, content.WrappedContentKey, content.WrapAlgorithm);
    }

    public async Task<(string License, byte[] ContentKey, Guid ContentId)> PublishAsync(params RightsGrant[] grants)
    {
        var made = await CreateLicenseAsync(grants);
        using var response = await Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(made.License, "doc.docx"));
        Assert.True(response.IsSuccessStatusCode, $"publish failed: {await response.Content.ReadAsStringAsync()}");
        return made;
    }

    public Task<HttpResponseMessage> AcquireAsync(string license, byte[]? publicKey = null) =>
        Http.PostAsJsonAsync("/api/v1/licenses", new AcquireLicenseRequest(license, publicKey));

    public UseLicenseContent Verify(string useLicense) => UseLicense.Verify(useLicense, Tenant.SigningPublicKey);

    public void Dispose() => _signer.Dispose();
}
