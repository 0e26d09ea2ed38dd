using System.Net;
using System.Reflection;
using Appliance.Crypto.Protocol;
using Appliance.Data.Documents;
using Appliance.Data.Templates;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Appliance.Web.Tests.Portal;

public sealed class PortalAuthorisationMatrixTests(PortalNode fixture, ITestOutputHelper output) : IClassFixture<PortalNode>
{
    private const string Anonymous = "anonymous";
    private const string PlainUser = "plain user";
    private const string GlobalAdmin = "global admin";
    private const string TemplateAdmin = "template admin";
    private const string SecurityOfficer = "security officer";
    private const string Auditor = "auditor";
    private const string OtherTenantUser = "user of another tenant";
    private const string ExternalUser = "external user";
    private const string OtherTemplateAdmin = "other organisation's template admin";
    private const string OtherAuditor = "other organisation's auditor";

    private enum Access
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>Anyone signed in to the portal.</summary>
        SignedIn,

        /// <summary>Global administrators only.</summary>
        Administrator,

        /// <summary>Global administrators and template administrators.</summary>
        TemplateAdministrator,

        /// <summary>Anyone signed in reaches it, and the document decides; the empty id names none, so: not found.</summary>
        Document,

        /// <summary>Global administrators and auditors.</summary>
        Auditor,

        /// <summary>One of Contoso's documents, by id: its owner, global administrators and Contoso's auditors; others 403.</summary>
        ContosoDocument,

        /// <summary>A change to one of Contoso's documents: its owner and global administrators; others 403.</summary>
        ContosoDocumentChange,
    }

    /// <summary>What a Contoso target is to the other organisation's (Fabrikam's) holder of the page's role.</summary>
    private enum Scope
    {
        /// <summary>The address or form names Contoso: 403.</summary>
        Contoso,

        /// <summary>One of Contoso's objects by id: answered as one that does not exist.</summary>
        ContosoObject,

        /// <summary>A page listing what the caller reaches: it shows, and its picker offers, nothing of Contoso's.</summary>
        Listing,
    }

    /// <summary>Every routable page of the portal. A new page without a row here fails the test.</summary>
    private static readonly Dictionary<string, Access> _pages = new(StringComparer.Ordinal)
    {
        ["/"] = Access.Public,
        ["/account/login"] = Access.Public,
        ["/account/login-2fa"] = Access.Public,
        ["/account/access-denied"] = Access.Public,
        ["/account/two-factor"] = Access.SignedIn,
        ["/admin/roles"] = Access.Administrator,
        ["/admin/ldap"] = Access.Administrator,
        ["/admin/security"] = Access.Administrator,
        ["/admin/activation"] = Access.Administrator,
        ["/admin/organisation"] = Access.Administrator,
        ["/admin/super-users"] = Access.Administrator,
        ["/admin/users"] = Access.Administrator,
        ["/admin/groups"] = Access.Administrator,
        ["/admin/templates"] = Access.TemplateAdministrator,
        ["/admin/templates/new"] = Access.TemplateAdministrator,
        ["/admin/templates/{Id:guid}/edit"] = Access.TemplateAdministrator,
        ["/documents"] = Access.SignedIn,
        ["/documents/{Id:guid}"] = Access.Document,
        ["/reports/usage"] = Access.Auditor,
        ["/reports/audit"] = Access.Auditor,
    };

    /// <summary>
    /// The forms of the pages that are not public, each posted with a body that an allowed caller gets past
    /// authorisation with but that changes nothing (an unknown user, a wrong code, the policy as it is).
    /// </summary>
    private static readonly (string Path, string Form, Dictionary<string, string> Fields, Access Access)[] _posts =
    [
        ("/account/two-factor", "enable-2fa", new() { ["Input.Code"] = "000000" }, Access.SignedIn),
        ("/admin/roles", "set-roles", new() { ["Input.User"] = "nobody@contoso.test", ["role"] = ApplianceRoles.Administrator }, Access.Administrator),
        ("/admin/ldap", "ldap-settings", new() { ["Input.ServerUrl"] = "not a url" }, Access.Administrator),
        ("/admin/ldap", "ldap-sync", new(), Access.Administrator),
        ("/admin/security", "security-policy", new(), Access.Administrator),
        ("/reports/audit", "verify-usage-log", new(), Access.Auditor),
        ("/admin/activation", "activation", new() { ["step"] = "review", ["organisation"] = "Matrix", ["region"] = "na", ["domains"] = "not a domain" }, Access.Administrator),
        ("/admin/activation", "activation", new() { ["step"] = "confirm", ["organisation"] = "Matrix", ["region"] = "na", ["domains"] = "not a domain" }, Access.Administrator),
        ("/admin/organisation", "tenant-settings", new() { ["tenant"] = Guid.Empty.ToString(), ["maxOfflineDays"] = "5" }, Access.Administrator),
        ("/admin/super-users", "super-users-switch", new() { ["tenant"] = Guid.Empty.ToString(), ["enabled"] = "true" }, Access.Administrator),
        ("/admin/super-users", "super-user-member", new() { ["tenant"] = Guid.Empty.ToString(), ["add"] = "1", ["principal"] = "x@contoso.test" }, Access.Administrator),
        ("/admin/users", "create-user", new() { ["Input.Email"] = "not an address", ["Input.Password"] = "x" }, Access.Administrator),
        ("/admin/users", "user-lock", new() { ["lock"] = "nobody@contoso.test" }, Access.Administrator),
        ("/admin/groups", "create-group", new() { ["Input.Email"] = "not an address" }, Access.Administrator),
        ("/admin/groups", "group-member", new() { ["group"] = "nogroup@contoso.test", ["add"] = "1", ["member"] = "plain@contoso.test" }, Access.Administrator),
        ("/admin/groups", "group-member", new() { ["group"] = "nogroup@contoso.test", ["remove"] = "plain@contoso.test" }, Access.Administrator),
        ("/admin/templates", "template-action", new() { ["delete"] = Guid.Empty.ToString() }, Access.TemplateAdministrator),
        ("/admin/templates/new", "template-wizard", new() { ["step"] = "1", ["go"] = "next", ["texts"] = "1", ["name[0]"] = "<" }, Access.TemplateAdministrator),
        ($"/admin/templates/{Guid.Empty}/edit", "template-wizard", new() { ["step"] = "5", ["go"] = "save" }, Access.TemplateAdministrator),
        ($"/documents/{Guid.Empty}", "document-revocation", new() { ["action"] = "revoke" }, Access.Document),
    ];

    /// <summary>
    /// The pages and forms again, aimed at Contoso's own targets ({contoso}: its id; {template}: one of its templates,
    /// made afresh for each cell; {document}: one of its documents). <c>Other</c> is the Fabrikam role-holder the row
    /// is about; <c>Marker</c>, for a listing, is what shows Contoso on the page (to Contoso's role-holders and global
    /// administrators, never to Fabrikam's).
    /// </summary>
    private static readonly (string Path, string? Form, Dictionary<string, string> Fields, Access Access, string Other, Scope Scope, string? Marker)[] _contosoTargets =
    [
        ("/", null, new(), Access.Public, OtherAuditor, Scope.Listing, "data-tenant=\"Contoso\""),
        ("/admin/templates", null, new(), Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Listing, ">Contoso</option>"),
        ("/admin/templates?tenant={contoso}", null, new(), Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Contoso, null),
        ("/admin/templates/new", null, new(), Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Listing, ">Contoso</option>"),
        ("/admin/templates/new?tenant={contoso}", null, new(), Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Contoso, null),
        ("/admin/templates/{template}/edit", null, new(), Access.TemplateAdministrator, OtherTemplateAdmin, Scope.ContosoObject, null),
        ("/documents", null, new(), Access.SignedIn, OtherAuditor, Scope.Listing, ">Contoso</option>"),
        ("/documents?tenant={contoso}", null, new(), Access.SignedIn, OtherAuditor, Scope.Contoso, null),
        ("/documents/{document}", null, new(), Access.ContosoDocument, OtherAuditor, Scope.ContosoObject, null),
        ("/reports/usage", null, new(), Access.Auditor, OtherAuditor, Scope.Listing, ">Contoso</option>"),
        ("/reports/usage?tenant={contoso}", null, new(), Access.Auditor, OtherAuditor, Scope.Contoso, null),
        ("/reports/usage/export?tenant={contoso}", null, new(), Access.Auditor, OtherAuditor, Scope.Contoso, null),
        ("/reports/audit", null, new(), Access.Auditor, OtherAuditor, Scope.Listing, "<td>Contoso</td>"),
        ("/reports/audit", "verify-usage-log", new(), Access.Auditor, OtherAuditor, Scope.Listing, "Contoso:"),
        ("/admin/templates", "template-action", new() { ["archive"] = "{template}" }, Access.TemplateAdministrator, OtherTemplateAdmin, Scope.ContosoObject, null),
        ("/admin/templates", "template-action", new() { ["tenant"] = "{contoso}", ["archive"] = "{template}" }, Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Contoso, null),
        ("/admin/templates/new", "template-wizard", new() { ["tenant"] = "{contoso}", ["step"] = "1", ["go"] = "next", ["texts"] = "1", ["name[0]"] = "<" }, Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Contoso, null),
        ("/admin/templates/{template}/edit", "template-wizard", new() { ["tenant"] = "{contoso}", ["step"] = "5", ["go"] = "save" }, Access.TemplateAdministrator, OtherTemplateAdmin, Scope.Contoso, null),
        ("/documents/{document}", "document-revocation", new() { ["action"] = "revoke" }, Access.ContosoDocumentChange, OtherAuditor, Scope.ContosoObject, null),
    ];

    [Fact]
    public void Pages_EveryRoutableComponent_HasARow()
    {
        // Arrange - discovered, not listed: a page added later is in the matrix or this fails.
        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Empty(routes.Except(_pages.Keys));
        Assert.Empty(_pages.Keys.Except(routes));
    }

    [Fact]
    public async Task Portal_EveryPageFormAndCaller_AllowedOnlyByRole()
    {
        // Arrange - every kind of person; the roles are read at each request, so these are what they hold now.
        await fixture.AddUserAsync("plain@contoso.test");
        await fixture.AddUserAsync("templates@contoso.test", ApplianceRoles.TemplateAdministrator);
        await fixture.AddUserAsync("security@contoso.test", ApplianceRoles.SecurityOfficer);
        await fixture.AddUserAsync("auditor@contoso.test", ApplianceRoles.Auditor);
        await fixture.AddUserAsync("other@fabrikam.test");
        await fixture.AddExternalUserAsync("guest@partner.test");
        // Fabrikam's role-holders: their roles are held for Fabrikam, their own organisation, by default.
        await fixture.AddUserAsync("templates@fabrikam.test", ApplianceRoles.TemplateAdministrator);
        await fixture.AddUserAsync("auditor@fabrikam.test", ApplianceRoles.Auditor);
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());
        var document = await ContosoDocumentAsync(contoso);
        var callers = new Dictionary<string, PortalClient>
        {
            [Anonymous] = await fixture.PortalAsync(null),
            [PlainUser] = await fixture.PortalAsync("plain@contoso.test"),
            [GlobalAdmin] = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword),
            [TemplateAdmin] = await fixture.PortalAsync("templates@contoso.test"),
            [SecurityOfficer] = await fixture.PortalAsync("security@contoso.test"),
            [Auditor] = await fixture.PortalAsync("auditor@contoso.test"),
            [OtherTenantUser] = await fixture.PortalAsync("other@fabrikam.test"),
            [ExternalUser] = await fixture.PortalAsync("guest@partner.test"),
            [OtherTemplateAdmin] = await fixture.PortalAsync("templates@fabrikam.test"),
            [OtherAuditor] = await fixture.PortalAsync("auditor@fabrikam.test"),
        };

        // Act
        var lines = new List<string> { $"{"",-40}" + string.Concat(callers.Keys.Select(c => $"{c,-24}")) };
        var wrong = new List<string>();
        foreach (var (path, access) in _pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var cells = new List<string>();
            foreach (var (caller, client) in callers)
            {
                // A route with a parameter is asked for with one that names nothing.
                using var response = await client.GetAsync(path.Replace("{Id:guid}", Guid.Empty.ToString(), StringComparison.Ordinal));
                var (expected, got, ok) = Judge(access, caller, response, path == "/account/access-denied");
                cells.Add(got);
                if (!ok)
                {
                    wrong.Add($"GET {path} as {caller}: expected {expected}, got {got}");
                }
            }

            lines.Add($"{"GET " + path,-40}" + string.Concat(cells.Select(c => $"{c,-24}")));
        }

        foreach (var (path, form, fields, access) in _posts)
        {
            var cells = new List<string>();
            foreach (var (caller, client) in callers)
            {
                using var response = await client.PostFormAsync(path, form, fields);
                var (expected, got, ok) = Judge(access, caller, response, false);
                cells.Add(got);
                if (!ok)
                {
                    wrong.Add($"POST {path} ({form}) as {caller}: expected {expected}, got {got}");
                }
            }

            lines.Add($"{$"POST {path} {form}",-40}" + string.Concat(cells.Select(c => $"{c,-24}")));
        }

        foreach (var (path, form, fields, access, other, scope, marker) in _contosoTargets)
        {
            var cells = new List<string>();
            foreach (var (caller, client) in callers)
            {
                var template = path.Contains("{template}", StringComparison.Ordinal) || fields.ContainsValue("{template}")
                    ? await ContosoTemplateAsync(contoso) : Guid.Empty;
                string Aim(string text) => text.Replace("{contoso}", contoso.ToString(), StringComparison.Ordinal)
                    .Replace("{template}", template.ToString(), StringComparison.Ordinal)
                    .Replace("{document}", document.ToString(), StringComparison.Ordinal);
                using var response = form is null
                    ? await client.GetAsync(Aim(path))
                    : await client.PostFormAsync(Aim(path), form, fields.ToDictionary(f => f.Key, f => Aim(f.Value)));
                var (expected, got, ok) = await JudgeScopedAsync(access, other, scope, marker, caller, response);
                cells.Add(got);
                if (!ok)
                {
                    wrong.Add($"{(form is null ? "GET" : "POST")} {path} {form} (Contoso's) as {caller}: expected {expected}, got {got}");
                }
            }

            lines.Add($"{$"{(form is null ? "GET" : "POST")} {path} {form} (Contoso's)",-40}" + string.Concat(cells.Select(c => $"{c,-24}")));
        }

        foreach (var client in callers.Values)
        {
            client.Dispose();
        }

        output.WriteLine(string.Join("\n", lines));

        // Assert
        Assert.True(wrong.Count == 0, "Wrong cells:\n" + string.Join("\n", wrong) + "\n\n" + string.Join("\n", lines));
    }

    /// <summary>What the caller should get, what it got in one word, and whether that is right.</summary>
    private static (string Expected, string Got, bool Ok) Judge(Access access, string caller, HttpResponseMessage response, bool deniedPage)
    {
        var got = response.StatusCode switch
        {
            HttpStatusCode.Redirect when PortalClient.LocationPath(response).StartsWith("/account/login?", StringComparison.Ordinal) => "login",
            HttpStatusCode.Redirect when PortalClient.LocationPath(response).StartsWith("/account/access-denied", StringComparison.Ordinal) => "denied",
            HttpStatusCode.Redirect => "302 " + PortalClient.LocationPath(response),
            HttpStatusCode.OK => "ok",
            // The access-denied page itself answers 403 by design.
            HttpStatusCode.Forbidden when deniedPage => "ok",
            var status => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var allowed = access switch
        {
            Access.Public => true,
            Access.SignedIn => caller != Anonymous,
            Access.Administrator => caller == GlobalAdmin,
            Access.TemplateAdministrator => caller is GlobalAdmin or TemplateAdmin or OtherTemplateAdmin,
            Access.Document => caller != Anonymous,
            Access.Auditor => caller is GlobalAdmin or Auditor or OtherAuditor,
            Access.ContosoDocument => caller is GlobalAdmin or Auditor,
            Access.ContosoDocumentChange => caller is GlobalAdmin,
            _ => false,
        };
        var expected = allowed ? access == Access.Document ? "404" : "ok"
            : caller == Anonymous ? "login"
            // A document is refused by the page itself, which answers 403, not by a policy's redirect.
            : access is Access.ContosoDocument or Access.ContosoDocumentChange ? "403" : "denied";
        return (expected, got, got == expected);
    }

    /// <summary>
    /// <see cref="Judge"/> for a Contoso target: its <paramref name="other"/> role-holder gets what <paramref name="scope"/>
    /// says, "not found" being a 404 or the page's "There is no template" message; a listing's
    /// <paramref name="marker"/> must show to Contoso's role-holders and global administrators and never to Fabrikam's.
    /// </summary>
    private static async Task<(string Expected, string Got, bool Ok)> JudgeScopedAsync(
        Access access, string other, Scope scope, string? marker, string caller, HttpResponseMessage response)
    {
        var (expected, got, _) = Judge(access, caller, response, false);
        var html = await response.Content.ReadAsStringAsync();
        if (got == "404" || (got == "ok" && PortalHtml.Text(html, "error")?.StartsWith("There is no template", StringComparison.Ordinal) == true))
        {
            got = "not found";
        }

        if (caller == other)
        {
            expected = scope switch
            {
                Scope.Contoso => "403",
                Scope.ContosoObject => "not found",
                _ => "ok",
            };
        }

        if (marker is not null && got == "ok")
        {
            var sameOrganisation = other == OtherAuditor ? Auditor : TemplateAdmin;
            if (caller == other && html.Contains(marker, StringComparison.Ordinal))
            {
                got = "ok, shows Contoso's";
            }
            else if (caller is GlobalAdmin || caller == sameOrganisation)
            {
                got = html.Contains(marker, StringComparison.Ordinal) ? got : "ok, without Contoso's";
            }
        }

        return (expected, got, got == expected);
    }

    /// <summary>A fresh custom template of Contoso's, stored directly (an allowed caller may archive it).</summary>
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

    /// <summary>A registered document of Contoso's whose owner is none of the callers.</summary>
    private Task<Guid> ContosoDocumentAsync(Guid contoso) =>
        fixture.Node.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var document = new ProtectedDocument
            {
                ContentId = Guid.NewGuid(), TenantId = contoso, OwnerEmail = "matrix-owner@contoso.test", FileName = "matrix.docx", PublishedAt = now, RegisteredAt = now,
            };
            db.ProtectedDocuments.Add(document);
            await db.SaveChangesAsync();
            return document.ContentId;
        });
}
