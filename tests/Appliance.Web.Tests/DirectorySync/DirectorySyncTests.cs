using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.DirectorySync;
using Appliance.TestSupport.Ldap;
using Appliance.Web.DirectorySync;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.DirectorySync;

/// <summary>Against the real slapd of <see cref="SlapdTestServer"/>, seeded by tests/scripts/slapd.sh.</summary>
public sealed class DirectorySyncTests : IAsyncLifetime
{
    private const string UserFilter = "(&(objectClass=inetOrgPerson)(uid=*))";
    private const string GroupFilter = "(objectClass=groupOfNames)";
    private const string DisabledFilter = "(description=disabled)";

    private readonly ApplianceFactory _node = new(regions: ["na"]);
    private HttpClient _admin = null!;
    private TenantSummary _tenant = null!;

    public async Task InitializeAsync()
    {
        _tenant = await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        _admin = await _node.SignInAdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<LdapDirectorySettings> ConfigureAsync(string baseDn = SlapdTestServer.BaseDn)
    {
        var request = new LdapDirectoryRequest(
            await SlapdTestServer.GetUrlAsync(), SlapdTestServer.SyncDn, SlapdTestServer.SyncPassword, baseDn,
            UserFilter, GroupFilter, DisabledFilter);
        using var response = await _admin.PutAsJsonAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<LdapDirectorySettings>(body, JsonSerializerOptions.Web)!;
    }

    private async Task<DirectorySyncResult> SyncAsync()
    {
        using var response = await _admin.PostAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap/sync", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<DirectorySyncResult>(body, JsonSerializerOptions.Web)!;
    }

    private async Task<HttpResponseMessage> TokenAsync(string user, string password)
    {
        using var client = _node.Anonymous();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
    }

    private static async Task<IReadOnlyList<string>?> RightsAsync(Publisher reader, string license)
    {
        using var response = await reader.AcquireAsync(license);
        return response.StatusCode == HttpStatusCode.OK
            ? reader.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense).Rights
            : null;
    }

    [Fact]
    public async Task Sync_SeededDirectory_MirrorsUsersGroupsAndNestedMemberships()
    {
        // Arrange - the seed: sales ⊃ {emea-sales, bob, nomail}, emea-sales ⊃ {dave, mallory}; mallory is
        // disabled and nomail has no address.
        await ConfigureAsync();

        // Act
        var first = await SyncAsync();
        var second = await SyncAsync();

        // Assert
        Assert.Equal(4, first.UsersAdded);
        Assert.Equal(1, first.UsersDisabled);
        Assert.Equal(2, first.GroupsAdded);
        Assert.Equal(3, first.MembershipsAdded);
        Assert.Contains(first.Skipped, s => s.Dn == SlapdTestServer.UserDn("nomail") && s.Reason == "no mail");
        Assert.Equal((0, 0, 0, 0, 0), (second.UsersAdded, second.UsersDisabled, second.GroupsAdded, second.MembershipsAdded, second.MembershipsRemoved));

        var users = await _node.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.Source == PrincipalSources.Ldap).ToListAsync());
        Assert.Equal(["alice@contoso.test", "bob@contoso.test", "dave@contoso.test", "mallory@contoso.test"], users.Select(u => u.Email).Order());
        Assert.All(users, u => Assert.Null(u.PasswordHash));
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty(u.ExternalId)));
        Assert.Equal(SlapdTestServer.UserDn("dave"), users.Single(u => u.Email == "dave@contoso.test").DistinguishedName);
        Assert.Equal(DirectorySyncService.SyncLockout, users.Single(u => u.Email == "mallory@contoso.test").LockoutEnd);

        var edges = await _node.QueryAsync(async db =>
            await (from m in db.GroupMemberships
                   join g in db.Groups on m.GroupId equals g.Id
                   join u in db.Users on m.MemberUserId equals u.Id into mu
                   from u in mu.DefaultIfEmpty()
                   join n in db.Groups on m.MemberGroupId equals n.Id into mn
                   from n in mn.DefaultIfEmpty()
                   select g.Email + ">" + (u != null ? u.Email : n!.Email)).ToListAsync());
        Assert.Equal(["emea-sales@contoso.test>dave@contoso.test", "sales@contoso.test>bob@contoso.test", "sales@contoso.test>emea-sales@contoso.test"], edges.Order());
    }

    [Fact]
    public async Task Acquire_GrantToSyncedGroup_ReachesNestedSyncedMember()
    {
        // Arrange - dave is in sales only through emea-sales; both users sign in with their directory passwords.
        await ConfigureAsync();
        await SyncAsync();
        using var alice = await Publisher.BootstrapAsync(await _node.SignInAsync("alice@contoso.test", SlapdTestServer.PasswordOf("alice")));
        using var dave = await Publisher.BootstrapAsync(await _node.SignInAsync("dave@contoso.test", SlapdTestServer.PasswordOf("dave")));
        var (license, _, _) = await alice.PublishAsync(new RightsGrant("sales@contoso.test", ["VIEW"]));

        // Act + Assert
        Assert.Equal(["VIEW"], await RightsAsync(dave, license));
    }

    [Fact]
    public async Task SignIn_LdapUser_DirectoryPasswordWorksOthersRefused()
    {
        await ConfigureAsync();
        await SyncAsync();

        using var right = await TokenAsync("bob@contoso.test", SlapdTestServer.PasswordOf("bob"));
        using var wrong = await TokenAsync("bob@contoso.test", "not bob's password");
        using var empty = await TokenAsync("bob@contoso.test", string.Empty);
        // Arrange - mallory's password is right, but the directory disabled her.
        using var disabled = await TokenAsync("mallory@contoso.test", SlapdTestServer.PasswordOf("mallory"));
        using var skipped = await TokenAsync("nomail", SlapdTestServer.PasswordOf("nomail"));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
    }

    [Fact]
    public async Task Sync_UserDeletedFromDirectory_LosesAccessAtTheNextSync()
    {
        // Arrange - a subtree of its own, so that deleting from it changes no other test's directory.
        var ou = "churn" + Guid.NewGuid().ToString("N")[..8];
        var ouDn = $"ou={ou},{SlapdTestServer.BaseDn}";
        var email = $"{ou}@contoso.test";
        var userDn = $"uid={ou},{ouDn}";
        await SlapdTestServer.ModifyAsync($"""
            dn: {ouDn}
            changetype: add
            objectClass: organizationalUnit
            ou: {ou}

            dn: {userDn}
            changetype: add
            objectClass: inetOrgPerson
            uid: {ou}
            cn: Churn
            sn: Churn
            mail: {email}
            userPassword: churn password 1

            dn: cn=team,{ouDn}
            changetype: add
            objectClass: groupOfNames
            objectClass: extensibleObject
            cn: team
            mail: team-{ou}@contoso.test
            member: {userDn}

            """);
        await ConfigureAsync(ouDn);
        await SyncAsync();
        await _node.AddUserAsync("carol@contoso.test", "password of carol 1");
        using var carol = await Publisher.BootstrapAsync(await _node.SignInAsync("carol@contoso.test", "password of carol 1"));
        using var churn = await Publisher.BootstrapAsync(await _node.SignInAsync(email, "churn password 1"));
        var (license, _, _) = await carol.PublishAsync(new RightsGrant($"team-{ou}@contoso.test", ["VIEW"]));
        Assert.Equal(["VIEW"], await RightsAsync(churn, license));

        // Act
        await SlapdTestServer.ModifyAsync($"""
            dn: cn=team,{ouDn}
            changetype: modify
            delete: member
            member: {userDn}
            -
            add: member
            member: {ouDn}

            dn: {userDn}
            changetype: delete

            """);
        var result = await SyncAsync();

        // Assert - the token already issued is refused too, and no membership is left.
        Assert.Equal(1, result.UsersDisabled);
        Assert.Null(await RightsAsync(churn, license));
        using var again = await TokenAsync(email, "churn password 1");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var memberships = await _node.QueryAsync(db =>
            db.GroupMemberships.CountAsync(m => db.Users.Any(u => u.Email == email && u.Id == m.MemberUserId)));
        Assert.Equal(0, memberships);
    }

    [Fact]
    public async Task Put_BindPassword_NeverReturnedNorStoredInPlaintext()
    {
        // Arrange - the password must not appear in the API's answers, the row, the usage log or the file.
        var put = await ConfigureAsync();

        using var get = await _admin.GetAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap");
        var body = await get.Content.ReadAsStringAsync();
        var stored = await _node.QueryAsync(db => db.LdapDirectories.AsNoTracking().SingleAsync());
        var usage = await _node.QueryAsync(db => db.UsageLog.AsNoTracking().Select(e => e.AdminAction ?? string.Empty).ToListAsync());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = await File.ReadAllBytesAsync(Path.Combine(_node.DataPath, "appliance.db"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.True(put.HasBindPassword);
        Assert.DoesNotContain(SlapdTestServer.SyncPassword, body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"bindPassword\"", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"hasBindPassword\":true", body, StringComparison.Ordinal);
        Assert.DoesNotContain(SlapdTestServer.SyncPassword, stored.ProtectedBindPassword, StringComparison.Ordinal);
        Assert.NotEmpty(stored.ProtectedBindPassword);
        Assert.Contains(usage, a => a.StartsWith("PutLdapDirectory", StringComparison.Ordinal));
        Assert.All(usage, a => Assert.DoesNotContain(SlapdTestServer.SyncPassword, a, StringComparison.Ordinal));
        Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(SlapdTestServer.SyncPassword)));
    }

    [Fact]
    public async Task Put_LaterWithoutPassword_KeepsTheStoredOneAndSyncStillBinds()
    {
        await ConfigureAsync();
        var request = new LdapDirectoryRequest(await SlapdTestServer.GetUrlAsync(), SlapdTestServer.SyncDn, null,
            SlapdTestServer.BaseDn, UserFilter, GroupFilter, DisabledFilter, SyncIntervalMinutes: 60);
        using var response = await _admin.PutAsJsonAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await SyncAsync()).UsersAdded);
    }

    [Fact]
    public async Task Sync_WrongBindPassword_DirectoryUnavailableAndRecorded()
    {
        var request = new LdapDirectoryRequest(await SlapdTestServer.GetUrlAsync(), SlapdTestServer.SyncDn, "not the password",
            SlapdTestServer.BaseDn, UserFilter, GroupFilter, DisabledFilter);
        (await _admin.PutAsJsonAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap", request)).EnsureSuccessStatusCode();

        using var response = await _admin.PostAsync($"/api/admin/v1/tenants/{_tenant.Id}/ldap/sync", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, ProblemCodes.DirectoryUnavailable);
        var settings = await _admin.GetFromJsonAsync<LdapDirectorySettings>($"/api/admin/v1/tenants/{_tenant.Id}/ldap");
        Assert.StartsWith("failed:", settings!.LastSyncResult, StringComparison.Ordinal);
    }
}
