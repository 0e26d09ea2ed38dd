using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.Templates;
using Appliance.Web.Identity;
using Appliance.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Roles;

public sealed class RoleAuthorisationMatrixTests(RolesNode fixture) : IClassFixture<RolesNode>
{
    private const string GlobalAdmin = "global admin";
    private const string TemplateAdmin = "template admin";
    private const string SecurityOfficer = "security officer";
    private const string Auditor = "auditor";
    private const string PlainUser = "plain user";
    private const string OtherTenantUser = "user of another tenant";
    private const string Anonymous = "anonymous";
    private const string ExternalUser = "external user";
    private const string AdminService = "admin service";
    private const string PlainService = "service without role";
    private const string OtherTemplateAdmin = "other organisation's template admin";
    private const string OtherAuditor = "other organisation's auditor";

    private static readonly string[] _admins = [GlobalAdmin, AdminService];
    private static readonly string[] _usageReaders = [GlobalAdmin, Auditor, AdminService, OtherAuditor];
    private static readonly string[] _templateAdmins = [GlobalAdmin, TemplateAdmin, AdminService, OtherTemplateAdmin];
    private static readonly string _noTemplate = "/templates/" + Guid.NewGuid();
    private static readonly TemplateRequest _emptyTemplate = new(null, null, null, null, null, null);
    private static readonly string _noTenant = "/tenants/" + Guid.NewGuid();
    private static readonly LdapDirectoryRequest _ldap = new("ldap://127.0.0.1:1", "cn=x", "x", "dc=x", "(x=*)", "(x=*)");

    /// <summary>What a row's target is to a role-holder of another organisation than Contoso (Fabrikam's).</summary>
    private enum Scope
    {
        /// <summary>No organisation's, or every one the caller reaches: the role alone decides.</summary>
        None,

        /// <summary>Names Contoso: refused with 403 to the other organisation's role-holders.</summary>
        Contoso,

        /// <summary>One of Contoso's objects by id: 404 to the other organisation's role-holders, found by those allowed.</summary>
        ContosoObject,
    }

    /// <summary>
    /// Every admin endpoint, with a body that an allowed caller gets past authorisation with but that
    /// changes nothing (an unserved region, an unknown domain or user), so the cells do not disturb each other.
    /// </summary>
    private static readonly (string Method, string Template, string Path, object? Body, string[] Allowed, Scope Scope)[] _endpoints =
    [
        ("POST", "/tenants", "/tenants", new ActivateTenantRequest("Matrix", "nowhere", ["matrix.test"]), _admins, Scope.None),
        ("GET", "/tenants", "/tenants", null, _admins, Scope.None),
        ("GET", "/tenants/{id:guid}/super-users", $"/tenants/{Guid.Empty}/super-users", null, _admins, Scope.None),
        ("PUT", "/tenants/{id:guid}/super-users", $"/tenants/{Guid.Empty}/super-users", new SetSuperUsersRequest(null), _admins, Scope.None),
        ("POST", "/tenants/{id:guid}/super-users/members", $"/tenants/{Guid.Empty}/super-users/members", new AddSuperUserRequest("x@contoso.test"), _admins, Scope.None),
        ("DELETE", "/tenants/{id:guid}/super-users/members/{principal}", $"/tenants/{Guid.Empty}/super-users/members/x@contoso.test", null, _admins, Scope.None),
        ("GET", "/tenants/{id:guid}/settings", $"/tenants/{Guid.Empty}/settings", null, _admins, Scope.None),
        ("PUT", "/tenants/{id:guid}/settings", $"/tenants/{Guid.Empty}/settings", new TenantSettingsRequest(null), _admins, Scope.None),
        ("POST", "/users", "/users", new CreateUserRequest("matrix@unknown.test", "matrix password 1", false, null), _admins, Scope.None),
        ("GET", "/users", "/users", null, _admins, Scope.None),
        ("POST", "/users/{account}/lock", "/users/nobody@contoso.test/lock", null, _admins, Scope.None),
        ("POST", "/users/{account}/unlock", "/users/nobody@contoso.test/unlock", null, _admins, Scope.None),
        ("GET", "/usage", "/usage", null, _usageReaders, Scope.None),
        ("GET", "/audit/chains", "/audit/chains", null, _usageReaders, Scope.None),
        ("POST", "/audit/verify", $"/audit/verify?chain={Guid.Empty}", null, _usageReaders, Scope.None),
        ("GET", "/audit/chains/{chain}/checkpoints", $"/audit/chains/{Guid.Empty}/checkpoints", null, _usageReaders, Scope.None),
        ("POST", "/audit/chains/{chain}/checkpoints", $"/audit/chains/{Guid.Empty}/checkpoints", null, _usageReaders, Scope.None),
        ("GET", "/usage/export", "/usage/export?contentId=" + Guid.Empty, null, _usageReaders, Scope.None),
        ("POST", "/services", "/services", new CreateServiceRequest("not a name!", false), _admins, Scope.None),
        ("GET", "/services/{clientId}/content-access", "/services/svc-nosuch/content-access", null, _admins, Scope.None),
        ("PUT", "/services/{clientId}/content-access/{tenantId:guid}", $"/services/svc-nosuch/content-access/{Guid.Empty}", new ServiceContentAccessRequest(), _admins, Scope.None),
        ("DELETE", "/services/{clientId}/content-access/{tenantId:guid}", $"/services/svc-nosuch/content-access/{Guid.Empty}", null, _admins, Scope.None),
        ("POST", "/groups", "/groups", new CreateGroupRequest("matrix@unknown.test", null), _admins, Scope.None),
        ("GET", "/groups", "/groups", null, _admins, Scope.None),
        ("GET", "/groups/{group}/members", "/groups/nogroup@contoso.test/members", null, _admins, Scope.None),
        ("POST", "/groups/{group}/members", "/groups/nogroup@contoso.test/members", new AddMemberRequest("plain@contoso.test"), _admins, Scope.None),
        ("DELETE", "/groups/{group}/members/{member}", "/groups/nogroup@contoso.test/members/plain@contoso.test", null, _admins, Scope.None),
        ("GET", "/roles", "/roles", null, _admins, Scope.None),
        ("GET", "/role-assignments", "/role-assignments", null, _admins, Scope.None),
        ("GET", "/users/{email}/roles", "/users/nobody@contoso.test/roles", null, _admins, Scope.None),
        ("PUT", "/users/{email}/roles", "/users/nobody@contoso.test/roles", new SetRolesRequest([]), _admins, Scope.None),
        ("GET", "/security-policy", "/security-policy", null, _admins, Scope.None),
        ("PUT", "/security-policy", "/security-policy", new SecurityPolicyRequest(null), _admins, Scope.None),
        ("PUT", "/tenants/{id:guid}/ldap", _noTenant + "/ldap", _ldap, _admins, Scope.None),
        ("GET", "/tenants/{id:guid}/ldap", _noTenant + "/ldap", null, _admins, Scope.None),
        ("POST", "/tenants/{id:guid}/ldap/sync", _noTenant + "/ldap/sync", null, _admins, Scope.None),
        ("GET", "/tenants/{tenant}/templates", "/tenants/contoso.test/templates", null, _templateAdmins, Scope.Contoso),
        ("POST", "/tenants/{tenant}/templates", "/tenants/contoso.test/templates", _emptyTemplate, _templateAdmins, Scope.Contoso),
        ("POST", "/tenants/{tenant}/templates/validate", "/tenants/contoso.test/templates/validate", _emptyTemplate, _templateAdmins, Scope.Contoso),
        ("GET", "/templates/{id:guid}", _noTemplate, null, _templateAdmins, Scope.None),
        ("PUT", "/templates/{id:guid}", _noTemplate, _emptyTemplate, _templateAdmins, Scope.None),
        ("POST", "/templates/{id:guid}/copy", _noTemplate + "/copy", null, _templateAdmins, Scope.None),
        ("POST", "/templates/{id:guid}/archive", _noTemplate + "/archive", null, _templateAdmins, Scope.None),
        ("POST", "/templates/{id:guid}/publish", _noTemplate + "/publish", null, _templateAdmins, Scope.None),
        ("DELETE", "/templates/{id:guid}", _noTemplate, null, _templateAdmins, Scope.None),
        // The same endpoints against Contoso's own targets ({contoso}: its id; {template}: one of its templates, made
        // afresh for each cell, so an allowed caller's change never decides a later cell).
        ("GET", "/tenants/{tenant}/templates", "/tenants/{contoso}/templates", null, _templateAdmins, Scope.Contoso),
        ("GET", "/templates/{id:guid}", "/templates/{template}", null, _templateAdmins, Scope.ContosoObject),
        ("PUT", "/templates/{id:guid}", "/templates/{template}", _emptyTemplate, _templateAdmins, Scope.ContosoObject),
        ("POST", "/templates/{id:guid}/copy", "/templates/{template}/copy", null, _templateAdmins, Scope.ContosoObject),
        ("POST", "/templates/{id:guid}/archive", "/templates/{template}/archive", null, _templateAdmins, Scope.ContosoObject),
        ("POST", "/templates/{id:guid}/publish", "/templates/{template}/publish", null, _templateAdmins, Scope.ContosoObject),
        ("DELETE", "/templates/{id:guid}", "/templates/{template}", null, _templateAdmins, Scope.ContosoObject),
        ("GET", "/usage", "/usage?tenant={contoso}", null, _usageReaders, Scope.Contoso),
        ("GET", "/usage/export", "/usage/export?tenant={contoso}", null, _usageReaders, Scope.Contoso),
        ("POST", "/audit/verify", "/audit/verify?chain={contoso}", null, _usageReaders, Scope.Contoso),
        ("GET", "/audit/chains/{chain}/checkpoints", "/audit/chains/{contoso}/checkpoints", null, _usageReaders, Scope.Contoso),
        ("POST", "/audit/chains/{chain}/checkpoints", "/audit/chains/{contoso}/checkpoints", null, _usageReaders, Scope.Contoso),
        // The appliance's own chain concerns no organisation: administrators only, whatever the auditor's scope.
        ("POST", "/audit/verify", "/audit/verify?chain=appliance", null, _admins, Scope.None),
        ("GET", "/audit/chains/{chain}/checkpoints", "/audit/chains/appliance/checkpoints", null, _admins, Scope.None),
    ];

    [Fact]
    public async Task AdminApi_EveryEndpointAndCaller_AllowedOnlyByRole()
    {
        // Arrange - the admin group itself only requires a signed-in caller; each endpoint states its own
        // role policy, so this table is what stops an endpoint from being left open to every user.
        var callers = new Dictionary<string, HttpClient>
        {
            [GlobalAdmin] = fixture.Admin,
            [TemplateAdmin] = await fixture.UserAsync("templates@contoso.test", ApplianceRoles.TemplateAdministrator),
            [SecurityOfficer] = await fixture.UserAsync("security@contoso.test", ApplianceRoles.SecurityOfficer),
            [Auditor] = await fixture.UserAsync("auditor@contoso.test", ApplianceRoles.Auditor),
            [PlainUser] = await fixture.UserAsync("plain@contoso.test"),
            [OtherTenantUser] = await fixture.UserAsync("other@fabrikam.test"),
            [Anonymous] = fixture.Node.Anonymous(),
            [ExternalUser] = await fixture.ExternalAsync("matrix@partner.example"),
            [AdminService] = await fixture.ServiceAsync("matrix-admin", isAdmin: true),
            [PlainService] = await fixture.ServiceAsync("matrix-plain", isAdmin: false),
            // Fabrikam's role-holders: their roles are held for Fabrikam, their own organisation, by default.
            [OtherTemplateAdmin] = await fixture.UserAsync("templates@fabrikam.test", ApplianceRoles.TemplateAdministrator),
            [OtherAuditor] = await fixture.UserAsync("auditor@fabrikam.test", ApplianceRoles.Auditor),
        };
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());

        // Act
        var wrong = new List<string>();
        foreach (var (method, _, path, body, allowed, scope) in _endpoints)
        {
            foreach (var (caller, client) in callers)
            {
                var target = path.Replace("{contoso}", contoso.ToString(), StringComparison.Ordinal);
                if (target.Contains("{template}", StringComparison.Ordinal))
                {
                    target = target.Replace("{template}", (await ContosoTemplateAsync(contoso)).ToString(), StringComparison.Ordinal);
                }

                using var request = new HttpRequestMessage(new HttpMethod(method), "/api/admin/v1" + target);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType());
                }

                using var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var otherOrganisation = caller is OtherTemplateAdmin or OtherAuditor;
                var expected = !allowed.Contains(caller) ? caller == Anonymous ? "401" : "403"
                    : otherOrganisation && scope == Scope.Contoso ? "403"
                    : otherOrganisation && scope == Scope.ContosoObject ? "404"
                    : scope == Scope.ContosoObject ? "found" : "allowed";
                var ok = expected switch
                {
                    "allowed" => !refused,
                    "found" => !refused && status != HttpStatusCode.NotFound,
                    "401" => status == HttpStatusCode.Unauthorized,
                    "404" => status == HttpStatusCode.NotFound,
                    _ => status == HttpStatusCode.Forbidden,
                };
                if (!ok)
                {
                    wrong.Add($"{method} {path} as {caller}: expected {expected}, got {(int)status}");
                }
            }
        }

        foreach (var client in callers.Where(c => c.Key != GlobalAdmin).Select(c => c.Value))
        {
            client.Dispose();
        }

        // Assert
        Assert.True(wrong.Count == 0, "Wrong cells:\n" + string.Join("\n", wrong));
    }

    /// <summary>A fresh custom template of Contoso's, stored directly (an allowed caller may archive or delete it).</summary>
    private Task<Guid> ContosoTemplateAsync(Guid contoso) =>
        fixture.Node.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var template = new RightsTemplate
            {
                Id = Guid.NewGuid(),
                TenantId = contoso,
                Texts = [new TemplateText { Language = "en-US", Name = $"Matrix {Guid.NewGuid():N}", Description = "Matrix" }],
                Grants = [new TemplateGrantEntry { Principal = TemplatePrincipals.Organization, Rights = "VIEW" }],
                OfflineMode = TemplateOfflineMode.Never,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Templates.Add(template);
            await db.SaveChangesAsync();
            return template.Id;
        });

    [Fact]
    public void AdminApi_EveryMappedEndpoint_RequiresARolePolicy()
    {
        // Arrange - the admin group only requires a signed-in caller, so an endpoint mapped without its
        // role policy would be open to every user; a row of the table above must name a real endpoint, and
        // every endpoint must have a row, so a new one is tried with every caller.
        var mapped = fixture.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (
                Name: $"{m} {e.RoutePattern.RawText!["/api/admin/v1".Length..]}",
                Policies: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList())))
            .ToList();
        string[] rolePolicies = [AppliancePolicies.AdminApi, AppliancePolicies.UsageRead, TemplatePolicies.TemplateAdmin];

        // Assert
        Assert.Empty(mapped.Where(e => !e.Policies.Any(rolePolicies.Contains)).Select(e => e.Name));
        Assert.Empty(_endpoints.Select(e => $"{e.Method} {e.Template}").Except(mapped.Select(e => e.Name)));
        Assert.Empty(mapped.Select(e => e.Name).Except(_endpoints.Select(e => $"{e.Method} {e.Template}")));
    }
}
