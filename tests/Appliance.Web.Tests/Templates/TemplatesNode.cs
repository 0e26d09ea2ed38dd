using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;
using Appliance.Data.Templates;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Templates;

/// <summary>
/// One node per test class: Contoso activated, sales@contoso.test with emea-sales@contoso.test nested in it,
/// alice (in emea-sales, so in sales) and bob (in neither), both bootstrapped.
/// </summary>
public sealed class TemplatesNode : IAsyncLifetime
{
    public ApplianceFactory Node { get; } = new(regions: ["na"]);

    public HttpClient Admin { get; private set; } = null!;

    public TenantSummary Contoso { get; private set; } = null!;

    public Publisher Alice { get; private set; } = null!;

    public Publisher Bob { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Contoso = await Node.ActivateTenantAsync("Contoso, Ltd", "na", "contoso.test");
        Admin = await Node.SignInAdminAsync();
        foreach (var group in new[] { "sales@contoso.test", "emea-sales@contoso.test", "legal@contoso.test" })
        {
            (await Admin.PostAsJsonAsync("/api/admin/v1/groups", new CreateGroupRequest(group, null))).EnsureSuccessStatusCode();
        }

        foreach (var user in new[] { "alice", "bob" })
        {
            await Node.AddUserAsync($"{user}@contoso.test", $"password of {user} 1");
        }

        (await Admin.PostAsJsonAsync("/api/admin/v1/groups/sales@contoso.test/members", new AddMemberRequest("emea-sales@contoso.test"))).EnsureSuccessStatusCode();
        (await Admin.PostAsJsonAsync("/api/admin/v1/groups/emea-sales@contoso.test/members", new AddMemberRequest("alice@contoso.test"))).EnsureSuccessStatusCode();
        Alice = await Publisher.BootstrapAsync(await Node.SignInAsync("alice@contoso.test", "password of alice 1"));
        Bob = await Publisher.BootstrapAsync(await Node.SignInAsync("bob@contoso.test", "password of bob 1"));
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        Alice.Http.Dispose();
        Alice.Dispose();
        Bob.Http.Dispose();
        Bob.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>A valid request: one name, the given grants (default: sales may view), never expires, 3 offline days.</summary>
    public static TemplateRequest Request(string name, IReadOnlyList<string>? scope = null, params TemplateGrant[] grants) => new(
        [new LocalizedText("en-US", name)],
        [new LocalizedText("en-US", $"{name}, for tests")],
        grants.Length > 0 ? grants : [new TemplateGrant("sales@contoso.test", TemplatePresets.Viewer, null)],
        new TemplateExpiry(TemplateModes.Never),
        new TemplateOfflineAccess(TemplateModes.Days, 3),
        scope);

    public async Task<TemplateDetails> CreateAsync(TemplateRequest request, string tenant = "contoso.test")
    {
        using var response = await Admin.PostAsJsonAsync($"/api/admin/v1/tenants/{tenant}/templates", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating the template failed: {body}");
        return (await response.Content.ReadFromJsonAsync<TemplateDetails>())!;
    }

    /// <summary>Stores <paramref name="count"/> custom templates directly: hundreds of API calls would be slow.</summary>
    public static Task SeedCustomTemplatesAsync(ApplianceFactory node, Guid tenantId, int count) =>
        node.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Templates.AddRange(Enumerable.Range(0, count).Select(i => new RightsTemplate
            {
                Id = Guid.NewGuid(),
                TenantId = tenantId,
                Texts = [new TemplateText { Language = "en-US", Name = $"Bulk {i}", Description = "Bulk" }],
                Grants = [new TemplateGrantEntry { Principal = TemplatePrincipals.Organization, Rights = "VIEW" }],
                OfflineMode = TemplateOfflineMode.Never,
                CreatedAt = now,
                UpdatedAt = now,
            }));
            return await db.SaveChangesAsync();
        });

    public static async Task<List<AvailableTemplate>> AvailableAsync(Publisher user, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/templates");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await user.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<AvailableTemplate>>())!;
    }

    /// <summary>What a client does: the template's policy, signed by <paramref name="user"/>, sent to publish.</summary>
    public static async Task<(HttpResponseMessage Response, string License)> PublishWithAsync(
        Publisher user, AvailableTemplate template, Func<ProtectionPolicy, ProtectionPolicy>? tamper = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expiresAt = template.Expiry.Mode switch
        {
            TemplateModes.Date => template.Expiry.Date,
            TemplateModes.Days => now.AddDays(template.Expiry.Days!.Value),
            _ => (DateTimeOffset?)null,
        };
        var policy = new ProtectionPolicy(user.Certificate.Email, template.Grants, expiresAt, template.OfflineDays, template.Id, template.Name);
        policy = tamper?.Invoke(policy) ?? policy;
        var request = new PublishingLicenseRequest(Guid.NewGuid(), user.Tenant.TenantId, "urn:test", user.Tenant.KeyId,
            user.Tenant.EncryptionPublicKey, user.Tenant.WrapAlgorithm, policy, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // The signer disposes its key, so it gets a copy of the user's.
        var key = System.Security.Cryptography.RSA.Create();
        key.ImportPkcs8PrivateKey(user.Identity.UserPrivateKey, out _);
        using var signer = new SoftwareSignatureKey(user.Certificate.UserId.ToString(), key);
        var license = await PublishingLicense.CreateAsync(request, signer, user.Identity.UserCertificate, CancellationToken.None);
        return (await user.Http.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "plan.docx")), license);
    }
}
