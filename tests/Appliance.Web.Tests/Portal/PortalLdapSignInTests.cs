using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Ldap;

namespace Appliance.Web.Tests.Portal;

/// <summary>Synced users sign in to the portal with their directory password, against the real slapd.</summary>
public sealed class PortalLdapSignInTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task Login_SyncedUser_BindsAgainstTheDirectory()
    {
        // Arrange
        var tenants = await fixture.Admin.GetFromJsonAsync<List<TenantSummary>>("/api/admin/v1/tenants");
        var tenantId = tenants!.Single(t => t.Name == "Contoso").Id;
        using var put = await fixture.Admin.PutAsJsonAsync($"/api/admin/v1/tenants/{tenantId}/ldap", new LdapDirectoryRequest(
            await SlapdTestServer.GetUrlAsync(), SlapdTestServer.SyncDn, SlapdTestServer.SyncPassword, SlapdTestServer.BaseDn,
            "(&(objectClass=inetOrgPerson)(uid=*))", "(objectClass=groupOfNames)", "(description=disabled)"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var sync = await fixture.Admin.PostAsync($"/api/admin/v1/tenants/{tenantId}/ldap/sync", null);
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);

        // Act
        using var right = new PortalClient(fixture.Node);
        var home = await right.SignInAsync("alice@contoso.test", SlapdTestServer.PasswordOf("alice"));
        using var signedIn = await right.GetAsync("/account/two-factor");
        using var wrong = new PortalClient(fixture.Node);
        using var refused = await wrong.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "alice@contoso.test",
            ["Input.Password"] = "not alice's password",
        });
        using var disabled = await wrong.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "mallory@contoso.test",
            ["Input.Password"] = SlapdTestServer.PasswordOf("mallory"),
        });

        // Assert
        Assert.Equal("/", home);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The user name or password is incorrect.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        // Refused as a wrong password is: "The account is locked" told a guesser that the name exists.
        var disabledPage = await disabled.Content.ReadAsStringAsync();
        Assert.Contains("The user name or password is incorrect.", disabledPage, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", disabledPage, StringComparison.OrdinalIgnoreCase);
    }
}
