using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Documents;

/// <summary>
/// One node with Contoso and its people for the document tests: alice (bootstrapped, publishes), bob and eve
/// (bootstrapped recipients), an auditor and the built-in administrator. Each test publishes its own documents.
/// </summary>
public sealed class DocumentsNode : IAsyncLifetime
{
    public ApplianceFactory Node { get; } = new(regions: ["emea"]);

    public Publisher Alice { get; private set; } = null!;

    public Publisher Bob { get; private set; } = null!;

    public Publisher Eve { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "eve", "audrey" })
        {
            await Node.AddUserAsync($"{name}@contoso.test", $"password of {name} 1");
        }

        Admin = await Node.SignInAdminAsync();
        using (var roles = await Admin.PutAsJsonAsync("/api/admin/v1/users/audrey@contoso.test/roles", new { roles = new[] { "Auditor" } }))
        {
            Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        }

        Alice = await Publisher.BootstrapAsync(await Node.SignInAsync("alice@contoso.test", "password of alice 1"));
        Bob = await Publisher.BootstrapAsync(await Node.SignInAsync("bob@contoso.test", "password of bob 1"));
        Eve = await Publisher.BootstrapAsync(await Node.SignInAsync("eve@contoso.test", "password of eve 1"));
        Auditor = await Node.SignInAsync("audrey@contoso.test", "password of audrey 1");
    }

    public async Task DisposeAsync()
    {
        foreach (var publisher in new[] { Alice, Bob, Eve })
        {
            publisher.Http.Dispose();
            publisher.Dispose();
        }

        Admin.Dispose();
        Auditor.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>A client-credentials service, with the Administrator role or none, signed in.</summary>
    public async Task<(HttpClient Client, string ClientId)> ServiceAsync(string name, bool isAdmin)
    {
        using var create = await Admin.PostAsJsonAsync("/api/admin/v1/services", new CreateServiceRequest(name, isAdmin));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var service = (await create.Content.ReadFromJsonAsync<CreatedService>())!;
        using var anonymous = Node.Anonymous();
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = service.ClientId,
            ["client_secret"] = service.ClientSecret,
            ["scope"] = "rms",
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, $"token for {service.ClientId} failed: {body}");
        var client = Node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return (client, service.ClientId);
    }

    /// <summary>
    /// Publishes a document of <paramref name="owner"/> under the given policy terms (Publisher's own licences carry no
    /// expiry); returns its publishing licence and content id.
    /// </summary>
    public static async Task<(string License, Guid ContentId)> PublishAsync(
        Publisher owner, DateTimeOffset? expiresAt, params RightsGrant[] grants) =>
        await PublishAsync(owner, new ProtectionPolicy(owner.Certificate.Email, grants, expiresAt, null, null, null), "plan.docx");

    public static async Task<(string License, Guid ContentId)> PublishAsync(Publisher owner, ProtectionPolicy policy, string fileName)
    {
        var contentId = Guid.NewGuid();
        var tenant = owner.Tenant;
        var request = new PublishingLicenseRequest(contentId, tenant.TenantId, "urn:test", tenant.KeyId, tenant.EncryptionPublicKey,
            tenant.WrapAlgorithm, policy, RandomNumberGenerator.GetBytes(32));
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(owner.Identity.UserPrivateKey, out _);
        string license;
        using (var signer = new SoftwareSignatureKey(owner.Certificate.UserId.ToString(), key))
        {
            license = await PublishingLicense.CreateAsync(request, signer, owner.Identity.UserCertificate, CancellationToken.None);
        }

        using var response = await owner.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, fileName));
        Assert.True(response.IsSuccessStatusCode, $"publish failed: {await response.Content.ReadAsStringAsync()}");
        return (license, contentId);
    }

    /// <summary>An instant as the appliance's sentences write it.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
