using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
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

    private static readonly string[] _admins = [GlobalAdmin, AdminService];
    private static readonly string[] _usageReaders = [GlobalAdmin, Auditor, AdminService];
    private static readonly string[] _templateAdmins = [GlobalAdmin, TemplateAdmin, AdminService];
    private static readonly string _noTemplate = "/templates/" + Guid.NewGuid();
    private static readonly TemplateRequest _emptyTemplate = new(null, null, null, null, null, null);
    private static readonly string _noTenant = "/tenants/" + Guid.NewGuid();
    private static readonly LdapDirectoryRequest _ldap = new("ldap://127.0.0.1:1", "cn=x", "x", "dc=x", "(x=*)", "(x=*)");

    /// <summary>
    /// Every admin endpoint, with a body that an allowed caller gets past authorisation with but that
    /// changes nothing (an unserved region, an unknown domain or user), so the cells do not disturb each other.
    /// </summary>
    private static readonly (string Method, string Template, string Path, object? Body, string[] Allowed)[] _endpoints =
    [
        ("POST", "/tenants", "/tenants", new ActivateTenantRequest("Matrix", "nowhere", ["matrix.test"]), _admins),
        ("GET", "/tenants", "/tenants", null, _admins),
        ("GET", "/tenants/{id:guid}/super-users", $"/tenants/{Guid.Empty}/super-users", null, _admins),
        ("PUT", "/tenants/{id:guid}/super-users", $"/tenants/{Guid.Empty}/super-users", new SetSuperUsersRequest(null), _admins),
        ("POST", "/tenants/{id:guid}/super-users/members", $"/tenants/{Guid.Empty}/super-users/members", new AddSuperUserRequest("x@contoso.test"), _admins),
        ("DELETE", "/tenants/{id:guid}/super-users/members/{principal}", $"/tenants/{Guid.Empty}/super-users/members/x@contoso.test", null, _admins),
        ("GET", "/tenants/{id:guid}/settings", $"/tenants/{Guid.Empty}/settings", null, _admins),
        ("PUT", "/tenants/{id:guid}/settings", $"/tenants/{Guid.Empty}/settings", new TenantSettingsRequest(null), _admins),
        ("POST", "/users", "/users", new CreateUserRequest("matrix@unknown.test", "matrix password 1", false, null), _admins),
        ("GET", "/users", "/users", null, _admins),
        ("POST", "/users/{account}/lock", "/users/nobody@contoso.test/lock", null, _admins),
        ("POST", "/users/{account}/unlock", "/users/nobody@contoso.test/unlock", null, _admins),
        ("GET", "/usage", "/usage", null, _usageReaders),
        ("GET", "/audit/chains", "/audit/chains", null, _usageReaders),
        ("POST", "/audit/verify", $"/audit/verify?chain={Guid.Empty}", null, _usageReaders),
        ("GET", "/audit/chains/{chain}/checkpoints", $"/audit/chains/{Guid.Empty}/checkpoints", null, _usageReaders),
        ("POST", "/audit/chains/{chain}/checkpoints", $"/audit/chains/{Guid.Empty}/checkpoints", null, _usageReaders),
        ("GET", "/usage/export", "/usage/export?contentId=" + Guid.Empty, null, _usageReaders),
        ("POST", "/services", "/services", new CreateServiceRequest("not a name!", false), _admins),
        ("GET", "/services/{clientId}/content-access", "/services/svc-nosuch/content-access", null, _admins),
        ("PUT", "/services/{clientId}/content-access/{tenantId:guid}", $"/services/svc-nosuch/content-access/{Guid.Empty}", new ServiceContentAccessRequest(), _admins),
        ("DELETE", "/services/{clientId}/content-access/{tenantId:guid}", $"/services/svc-nosuch/content-access/{Guid.Empty}", null, _admins),
        ("POST", "/groups", "/groups", new CreateGroupRequest("matrix@unknown.test", null), _admins),
        ("GET", "/groups", "/groups", null, _admins),
        ("GET", "/groups/{group}/members", "/groups/nogroup@contoso.test/members", null, _admins),
        ("POST", "/groups/{group}/members", "/groups/nogroup@contoso.test/members", new AddMemberRequest("plain@contoso.test"), _admins),
        ("DELETE", "/groups/{group}/members/{member}", "/groups/nogroup@contoso.test/members/plain@contoso.test", null, _admins),
        ("GET", "/roles", "/roles", null, _admins),
        ("GET", "/role-assignments", "/role-assignments", null, _admins),
        ("GET", "/users/{email}/roles", "/users/nobody@contoso.test/roles", null, _admins),
        ("PUT", "/users/{email}/roles", "/users/nobody@contoso.test/roles", new SetRolesRequest([]), _admins),
        ("GET", "/security-policy", "/security-policy", null, _admins),
        ("PUT", "/security-policy", "/security-policy", new SecurityPolicyRequest(null), _admins),
        ("PUT", "/tenants/{id:guid}/ldap", _noTenant + "/ldap", _ldap, _admins),
        ("GET", "/tenants/{id:guid}/ldap", _noTenant + "/ldap", null, _admins),
        ("POST", "/tenants/{id:guid}/ldap/sync", _noTenant + "/ldap/sync", null, _admins),
        ("GET", "/tenants/{tenant}/templates", "/tenants/contoso.test/templates", null, _templateAdmins),
        ("POST", "/tenants/{tenant}/templates", "/tenants/contoso.test/templates", _emptyTemplate, _templateAdmins),
        ("POST", "/tenants/{tenant}/templates/validate", "/tenants/contoso.test/templates/validate", _emptyTemplate, _templateAdmins),
        ("GET", "/templates/{id:guid}", _noTemplate, null, _templateAdmins),
        ("PUT", "/templates/{id:guid}", _noTemplate, _emptyTemplate, _templateAdmins),
        ("POST", "/templates/{id:guid}/copy", _noTemplate + "/copy", null, _templateAdmins),
        ("POST", "/templates/{id:guid}/archive", _noTemplate + "/archive", null, _templateAdmins),
        ("POST", "/templates/{id:guid}/publish", _noTemplate + "/publish", null, _templateAdmins),
        ("DELETE", "/templates/{id:guid}", _noTemplate, null, _templateAdmins),
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
        };

        // Act
        var wrong = new List<string>();
        foreach (var (method, _, path, body, allowed) in _endpoints)
        {
            foreach (var (caller, client) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), "/api/admin/v1" + path);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType());
                }

                using var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expected = allowed.Contains(caller) ? "allowed"
                    : caller == Anonymous ? "401" : "403";
                var ok = expected switch
                {
                    "allowed" => !refused,
                    "401" => status == HttpStatusCode.Unauthorized,
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
