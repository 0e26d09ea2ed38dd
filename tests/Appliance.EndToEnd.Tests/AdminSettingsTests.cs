using Appliance.Client.Cli;
using Appliance.Data.Usage;
using Appliance.TestSupport.Ldap;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// `rms admin role|security|ldap`: the portal's roles, security and LDAP pages for scripts, against a real node
/// and the real slapd of <see cref="SlapdTestServer"/>.
/// </summary>
public sealed class AdminSettingsTests : IAsyncLifetime
{
    private const string ErinPassword = "password of erin 123";
    private const string UserFilter = "(&(objectClass=inetOrgPerson)(uid=*))";
    private const string GroupFilter = "(objectClass=groupOfNames)";

    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        // Not a name in the seeded directory, whose users a local namesake would make the sync skip.
        await _node.AddUserAsync("erin@contoso.test", ErinPassword);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name, string user, string password)
    {
        var rms = new RmsRunner(Path.Combine(_work, name));
        (await rms.RunWithInputAsync(password + "\n", "login", "--server", _server, "--user", user, "--password-stdin")).Succeeded();
        return rms;
    }

    private Task<RmsRunner> AdminAsync() => SignedInAsync("admin", "admin", ApplianceFactory.AdminPassword);

    private Task<List<string>> AdminActionsAsync(string prefix) =>
        _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.AdminAction != null && e.AdminAction.StartsWith(prefix) && e.Result == UsageResult.Granted)
            .OrderBy(e => e.Id).Select(e => e.AdminAction!).ToListAsync());

    private static string[] Lines(RmsResult result) =>
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void OneSentence(RmsResult result) => Assert.Single(result.Stderr.Trim().Split('\n'));

    private static async Task<string[]> LdapSetArgumentsAsync(params string[] more) =>
    [
        "admin", "ldap", "set", "--server", await SlapdTestServer.GetUrlAsync(), "--bind-dn", SlapdTestServer.SyncDn,
        "--base-dn", SlapdTestServer.BaseDn, "--user-filter", UserFilter, "--group-filter", GroupFilter, .. more,
    ];

    [Fact]
    public async Task RoleSetShowList_RoundTrip_TheRoleTakesEffectOnTheUsersNextCommand()
    {
        var admin = await AdminAsync();
        var erin = await SignedInAsync("erin", "erin@contoso.test", ErinPassword);
        string[] templates = ["admin", "template", "list", "--tenant", "contoso.test"];

        var roles = (await admin.RunAsync("admin", "role", "list")).Succeeded();
        var before = await erin.RunAsync(templates);
        var set = (await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Auditor", "TemplateAdministrator")).Succeeded();
        var shown = (await admin.RunAsync("admin", "role", "show", "erin@contoso.test")).Succeeded();
        var holders = (await admin.RunAsync("admin", "role", "show")).Succeeded();
        var during = await erin.RunAsync(templates);
        var notAdmin = await erin.RunAsync("admin", "role", "set", "erin@contoso.test", "Administrator");
        var cleared = (await admin.RunAsync("admin", "role", "set", "erin@contoso.test")).Succeeded();
        var after = await erin.RunAsync(templates);

        Assert.Equal(
            ["Administrator", "TemplateAdministrator", "SecurityOfficer", "Auditor"],
            Lines(roles).Select(l => l.Split('\t')[0]));
        Assert.Contains("TemplateAdministrator\tMaintains the rights policy templates.", Lines(roles));
        Assert.Equal(ExitCodes.AccessDenied, before.ExitCode);
        Assert.Contains("roles: TemplateAdministrator, Auditor", Lines(set));
        Assert.Equal(Lines(set), Lines(shown));
        Assert.Equal("user: erin@contoso.test", Lines(shown)[0]);
        Assert.StartsWith("tenant: ", Lines(shown)[1], StringComparison.Ordinal);
        Assert.DoesNotContain("tenant: none", Lines(shown));
        Assert.Equal(["admin\tAdministrator", "erin@contoso.test\tTemplateAdministrator,Auditor"], Lines(holders));
        during.Succeeded();
        Assert.Contains("Contoso - Confidential", during.Output, StringComparison.Ordinal);
        // A template administrator is still no global administrator.
        Assert.Equal(ExitCodes.AccessDenied, notAdmin.ExitCode);
        Assert.Contains("roles: none", Lines(cleared));
        Assert.Equal(ExitCodes.AccessDenied, after.ExitCode);
        Assert.Equal(
            ["SetRoles erin@contoso.test: [TemplateAdministrator, Auditor]", "SetRoles erin@contoso.test: []"],
            await AdminActionsAsync("SetRoles"));
    }

    [Fact]
    public async Task RoleSetWithOrg_TwoOrganisations_HeldForThemShownAppliedAndLogged()
    {
        await _node.ActivateTenantAsync("Fabrikam", "emea", "fabrikam.test");
        var admin = await AdminAsync();
        var erin = await SignedInAsync("erin", "erin@contoso.test", ErinPassword);

        var both = (await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Auditor", "--org", "contoso.test,fabrikam.test")).Succeeded();
        var shown = (await admin.RunAsync("admin", "role", "show", "erin@contoso.test")).Succeeded();
        var holders = (await admin.RunAsync("admin", "role", "show")).Succeeded();
        var chainsOfBoth = (await erin.RunAsync("admin", "audit", "chains")).Succeeded();
        var fabrikamOnly = (await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Auditor", "--org", "fabrikam.test")).Succeeded();
        var verified = (await erin.RunAsync("admin", "audit", "verify")).Succeeded();
        var unknown = await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Auditor", "--org", "fabrikam.test", "--org", "nowhere.test");
        var own = (await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Auditor")).Succeeded();
        var holdersAfter = (await admin.RunAsync("admin", "role", "show")).Succeeded();

        Assert.Contains("organisations: Contoso (contoso.test), Fabrikam (fabrikam.test)", Lines(both));
        Assert.Equal(Lines(both), Lines(shown));
        Assert.Contains("erin@contoso.test\tAuditor\tcontoso.test,fabrikam.test", Lines(holders));
        // An auditor sees the chains of the organisations the role is held for, not the appliance's own.
        Assert.Equal(["Contoso", "Fabrikam"], Lines(chainsOfBoth).Select(l => l.Split('\t')[0]).Order());
        Assert.Contains("organisations: Fabrikam (fabrikam.test)", Lines(fabrikamOnly));
        Assert.Single(Lines(verified));
        Assert.StartsWith("Fabrikam", Lines(verified)[0], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("'nowhere.test'", unknown.Stderr, StringComparison.Ordinal);
        OneSentence(unknown);
        Assert.Contains("organisations: Contoso (contoso.test)", Lines(own));
        Assert.Contains("erin@contoso.test\tAuditor", Lines(holdersAfter));
        Assert.Equal(
            ["SetRoles erin@contoso.test: [Auditor] for [contoso.test, fabrikam.test]", "SetRoles erin@contoso.test: [Auditor] for [fabrikam.test]",
                "SetRoles erin@contoso.test: [Auditor]"],
            await AdminActionsAsync("SetRoles"));
    }

    [Fact]
    public async Task RoleSet_PlainUser_RefusedInOneSentenceAndNothingChanges()
    {
        var admin = await AdminAsync();
        var erin = await SignedInAsync("erin", "erin@contoso.test", ErinPassword);

        var refused = await erin.RunAsync("admin", "role", "set", "erin@contoso.test", "Administrator");
        var show = await erin.RunAsync("admin", "role", "show", "erin@contoso.test");
        var shown = (await admin.RunAsync("admin", "role", "show", "erin@contoso.test")).Succeeded();

        Assert.Equal(ExitCodes.AccessDenied, refused.ExitCode);
        OneSentence(refused);
        Assert.Empty(refused.Output);
        Assert.Equal(ExitCodes.AccessDenied, show.ExitCode);
        Assert.Contains("roles: none", Lines(shown));
    }

    [Fact]
    public async Task RoleSetAndShow_BadInput_UsageOrOneSentence()
    {
        var admin = await AdminAsync();

        var unknownRole = await admin.RunAsync("admin", "role", "set", "erin@contoso.test", "Wizard");
        var unknownUser = await admin.RunAsync("admin", "role", "show", "nobody@contoso.test");
        var noUser = await admin.RunAsync("admin", "role", "set");
        var lastAdmin = await admin.RunAsync("admin", "role", "set", "admin");

        Assert.Equal(ExitCodes.Usage, unknownRole.ExitCode);
        Assert.Contains("'Wizard'", unknownRole.Stderr, StringComparison.Ordinal);
        OneSentence(unknownRole);
        Assert.NotEqual(ExitCodes.Success, unknownUser.ExitCode);
        Assert.Contains("There is no user nobody@contoso.test", unknownUser.Stderr, StringComparison.Ordinal);
        OneSentence(unknownUser);
        Assert.Equal(ExitCodes.Usage, noUser.ExitCode);
        Assert.NotEqual(ExitCodes.Success, lastAdmin.ExitCode);
        Assert.Contains("last global administrator", lastAdmin.Stderr, StringComparison.Ordinal);
        OneSentence(lastAdmin);
        Assert.Contains("roles: Administrator", Lines((await admin.RunAsync("admin", "role", "show", "admin")).Succeeded()));
    }

    [Fact]
    public async Task SecuritySet_OnThenOff_ShownEnforcedAndLogged()
    {
        var admin = await AdminAsync();

        var initially = (await admin.RunAsync("admin", "security", "show")).Succeeded();
        var on = (await admin.RunAsync("admin", "security", "set", "--require-admin-2fa", "on")).Succeeded();
        var shownOn = (await admin.RunAsync("admin", "security", "show")).Succeeded();
        // The policy applies to new sign-ins at once: an administrator without an authenticator gets no token.
        var refusedLogin = await new RmsRunner(Path.Combine(_work, "admin2")).RunWithInputAsync(
            ApplianceFactory.AdminPassword + "\n", "login", "--server", _server, "--user", "admin", "--password-stdin");
        var off = (await admin.RunAsync("admin", "security", "set", "--require-admin-2fa", "off")).Succeeded();
        var shownOff = (await admin.RunAsync("admin", "security", "show")).Succeeded();
        await SignedInAsync("admin3", "admin", ApplianceFactory.AdminPassword);
        var bad = await admin.RunAsync("admin", "security", "set", "--require-admin-2fa", "maybe");
        var missing = await admin.RunAsync("admin", "security", "set");

        Assert.Equal(["require-admin-2fa: off", "updated: never"], Lines(initially));
        Assert.Equal("require-admin-2fa: on", Lines(on)[0]);
        Assert.Equal(Lines(on), Lines(shownOn));
        Assert.Matches(@"^updated: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Lines(shownOn)[1]);
        Assert.NotEqual(ExitCodes.Success, refusedLogin.ExitCode);
        Assert.Contains("second factor", refusedLogin.Stderr, StringComparison.Ordinal);
        Assert.Equal("require-admin-2fa: off", Lines(shownOff)[0]);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Equal(
            ["PutSecurityPolicy requireAdministratorTwoFactor=True", "PutSecurityPolicy requireAdministratorTwoFactor=False"],
            await AdminActionsAsync("PutSecurityPolicy"));
    }

    [Fact]
    public async Task LdapSetShowSync_PasswordFromStdinNeverShown_SyncImportsTheDirectory()
    {
        var admin = await AdminAsync();

        var set = (await admin.RunWithInputAsync(
            SlapdTestServer.SyncPassword + "\n",
            await LdapSetArgumentsAsync("--bind-password-stdin", "--disabled-filter", "(description=disabled)"))).Succeeded();
        var shown = (await admin.RunAsync("admin", "ldap", "show")).Succeeded();
        var synced = (await admin.RunAsync("admin", "ldap", "sync", "--tenant", "Contoso")).Succeeded();
        // Without --bind-password-stdin the stored password is kept: the next sync still binds.
        var reset = (await admin.RunAsync(await LdapSetArgumentsAsync("--sync-interval", "60", "--tenant", "contoso.test"))).Succeeded();
        var resynced = (await admin.RunAsync("admin", "ldap", "sync")).Succeeded();
        var afterSync = (await admin.RunAsync("admin", "ldap", "show")).Succeeded();
        var dave = await SignedInAsync("dave", "dave@contoso.test", SlapdTestServer.PasswordOf("dave"));

        foreach (var result in new[] { set, shown, synced, reset, resynced, afterSync })
        {
            Assert.DoesNotContain(SlapdTestServer.SyncPassword, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(SlapdTestServer.SyncPassword, result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(Lines(set), Lines(shown));
        Assert.Contains("bind-password: stored", Lines(shown));
        Assert.Contains("organisation: Contoso", Lines(shown));
        Assert.Contains($"bind-dn: {SlapdTestServer.SyncDn}", Lines(shown));
        Assert.Contains("disabled-filter: (description=disabled)", Lines(shown));
        Assert.Contains("id-attribute: entryUUID", Lines(shown));
        Assert.Contains("last-sync: never", Lines(shown));
        Assert.Equal(
            [
                "users-added: 4", "users-updated: 0", "users-disabled: 1", "groups-added: 2", "groups-updated: 0", "groups-removed: 0",
                "memberships-added: 3", "memberships-removed: 0", "skipped: 1", $"skip: {SlapdTestServer.UserDn("nomail")}\tno mail",
            ],
            Lines(synced));
        Assert.Contains("bind-password: stored", Lines(reset));
        Assert.Contains("sync-interval: 60", Lines(reset));
        // The disabled filter was left out this time, so mallory is enabled again.
        Assert.Contains("disabled-filter: none", Lines(reset));
        Assert.Contains("users-added: 0", Lines(resynced));
        Assert.DoesNotContain("last-sync: never", Lines(afterSync));
        Assert.Equal(ExitCodes.AccessDenied, (await dave.RunAsync("admin", "ldap", "show")).ExitCode);
        var actions = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.AdminAction != null).Select(e => e.AdminAction!).ToListAsync());
        Assert.Contains(actions, a => a.StartsWith("SyncLdapDirectory users +4", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, a => a.Contains(SlapdTestServer.SyncPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ldap_BadInput_UsageOrOneSentence()
    {
        var admin = await AdminAsync();
        await _node.ActivateTenantAsync("Fabrikam", "emea", "fabrikam.test");
        var url = await SlapdTestServer.GetUrlAsync();

        var ambiguous = await admin.RunAsync("admin", "ldap", "show");
        var unknown = await admin.RunAsync("admin", "ldap", "sync", "--tenant", "Northwind");
        var notConfigured = await admin.RunAsync("admin", "ldap", "show", "--tenant", "Fabrikam");
        var noServer = await admin.RunWithInputAsync(SlapdTestServer.SyncPassword + "\n",
            "admin", "ldap", "set", "--tenant", "Contoso", "--bind-dn", SlapdTestServer.SyncDn, "--bind-password-stdin",
            "--base-dn", SlapdTestServer.BaseDn, "--user-filter", UserFilter, "--group-filter", GroupFilter);
        var noPassword = await admin.RunAsync(await LdapSetArgumentsAsync("--tenant", "Contoso"));
        var emptyStdin = await admin.RunAsync(await LdapSetArgumentsAsync("--tenant", "Contoso", "--bind-password-stdin"));
        var badFilter = await admin.RunWithInputAsync(SlapdTestServer.SyncPassword + "\n",
            "admin", "ldap", "set", "--tenant", "Contoso", "--server", url, "--bind-dn", SlapdTestServer.SyncDn, "--bind-password-stdin",
            "--base-dn", SlapdTestServer.BaseDn, "--user-filter", "uid=*", "--group-filter", GroupFilter);

        Assert.Equal(ExitCodes.Usage, ambiguous.ExitCode);
        Assert.Contains("--tenant", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains("Contoso (", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.Contains("Fabrikam (", ambiguous.Stderr, StringComparison.Ordinal);
        OneSentence(ambiguous);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("'Northwind'", unknown.Stderr, StringComparison.Ordinal);
        OneSentence(unknown);
        Assert.NotEqual(ExitCodes.Success, notConfigured.ExitCode);
        Assert.Contains("has no LDAP directory", notConfigured.Stderr, StringComparison.Ordinal);
        OneSentence(notConfigured);
        Assert.Equal(ExitCodes.Usage, noServer.ExitCode);
        Assert.Contains("--server", noServer.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, noPassword.ExitCode);
        Assert.Contains("bindPassword is required the first time", noPassword.Stderr, StringComparison.Ordinal);
        OneSentence(noPassword);
        Assert.Equal(ExitCodes.Usage, emptyStdin.ExitCode);
        Assert.Contains("--bind-password-stdin", emptyStdin.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badFilter.ExitCode);
        Assert.Contains("userFilter", badFilter.Stderr, StringComparison.Ordinal);
        OneSentence(badFilter);
        Assert.Empty(await AdminActionsAsync("PutLdapDirectory"));
    }
}
