using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.Documents;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Appliance.Web.Tests.Templates;
using Appliance.Web.Tests.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Roles;

/// <summary>
/// Roles other than Administrator reach only the organisations they are held for: Fabrikam's role-holders against
/// Contoso's templates, usage log, chains and documents. Each test makes its own users and targets.
/// </summary>
public sealed class ScopedRoleTests(RolesNode fixture) : IClassFixture<RolesNode>
{
    private readonly HttpClient _admin = fixture.Admin;

    [Fact]
    public async Task Templates_OtherOrganisationsTemplateAdministrator_CreateArchiveDeleteRefusedAndNothingChanged()
    {
        // Arrange - the reported case: a Fabrikam template administrator made, archived and deleted Contoso's templates.
        using var fabrikamTemplates = await fixture.UserAsync("tpl-admin@fabrikam.test", ApplianceRoles.TemplateAdministrator);
        var contoso = await TenantAsync("Contoso");
        var target = await CreateTemplateAsync("contoso.test", "Contoso board only");
        var before = await fixture.Node.QueryAsync(db => db.Templates.AsNoTracking().Where(t => t.TenantId == contoso).OrderBy(t => t.Id).ToListAsync());
        var request = Template("Planted by Fabrikam");

        // Act
        using var create = await fabrikamTemplates.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates", request);
        using var createById = await fabrikamTemplates.PostAsJsonAsync($"/api/admin/v1/tenants/{contoso}/templates", request);
        using var list = await fabrikamTemplates.GetAsync("/api/admin/v1/tenants/contoso.test/templates");
        using var validate = await fabrikamTemplates.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates/validate", request);
        using var archive = await fabrikamTemplates.PostAsync($"/api/admin/v1/templates/{target.Id}/archive", null);
        using var delete = await fabrikamTemplates.DeleteAsync($"/api/admin/v1/templates/{target.Id}");
        using var get = await fabrikamTemplates.GetAsync($"/api/admin/v1/templates/{target.Id}");
        using var update = await fabrikamTemplates.PutAsJsonAsync($"/api/admin/v1/templates/{target.Id}", request);
        using var copy = await fabrikamTemplates.PostAsync($"/api/admin/v1/templates/{target.Id}/copy", null);
        using var publish = await fabrikamTemplates.PostAsync($"/api/admin/v1/templates/{target.Id}/publish", null);
        using var unknown = await fabrikamTemplates.DeleteAsync($"/api/admin/v1/templates/{Guid.NewGuid()}");
        using var own = await fabrikamTemplates.PostAsJsonAsync("/api/admin/v1/tenants/fabrikam.test/templates", Template("Fabrikam's own"));

        // Assert - an organisation named out of reach is 403; a template of one is answered as one that does not exist.
        foreach (var named in new[] { create, createById, list, validate })
        {
            var detail = await ProblemAssert.IsProblemAsync(named, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            Assert.Contains("TemplateAdministrator is not held for the organisation Contoso", detail, StringComparison.Ordinal);
        }

        Assert.StartsWith("There is no template ", await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, ProblemCodes.TemplateNotFound), StringComparison.Ordinal);
        foreach (var byId in new[] { archive, delete, get, update, copy, publish })
        {
            var detail = await ProblemAssert.IsProblemAsync(byId, HttpStatusCode.NotFound, ProblemCodes.TemplateNotFound);
            Assert.Equal($"There is no template {target.Id}.", detail);
        }

        var after = await fixture.Node.QueryAsync(db => db.Templates.AsNoTracking().Where(t => t.TenantId == contoso).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(before.Select(t => (t.Id, t.IsArchived, t.UpdatedAt)), after.Select(t => (t.Id, t.IsArchived, t.UpdatedAt)));
        Assert.Contains(after, t => t.Id == target.Id && !t.IsArchived);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.False(await fixture.Node.QueryAsync(db => db.UsageLog.AnyAsync(e =>
            e.UserEmail == "tpl-admin@fabrikam.test" && e.Result == UsageResult.Granted && e.TenantId == contoso)));
    }

    [Fact]
    public async Task Templates_SameOrganisationsTemplateAdministrator_StillAllowed()
    {
        // Arrange - the default scope is the holder's own organisation: a Contoso template administrator keeps Contoso.
        using var contosoTemplates = await fixture.UserAsync("tpl-admin@contoso.test", ApplianceRoles.TemplateAdministrator);

        // Act
        using var create = await contosoTemplates.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates", Template("Made at Contoso"));
        var created = (await create.Content.ReadFromJsonAsync<TemplateDetails>())!;
        using var archive = await contosoTemplates.PostAsync($"/api/admin/v1/templates/{created.Id}/archive", null);
        using var delete = await contosoTemplates.DeleteAsync($"/api/admin/v1/templates/{created.Id}");
        using var fabrikam = await contosoTemplates.GetAsync("/api/admin/v1/tenants/fabrikam.test/templates");

        // Assert
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await ProblemAssert.IsProblemAsync(fabrikam, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Usage_OtherOrganisationsAuditor_ContosoListExportAndAuditRefused()
    {
        // Arrange - the reported case: a Fabrikam auditor read Contoso's usage, exports and audit verification.
        using var auditor = await fixture.UserAsync("usage-auditor@fabrikam.test", ApplianceRoles.Auditor);
        var (contoso, fabrikam) = (await TenantAsync("Contoso"), await TenantAsync("Fabrikam"));
        var seeded = await SeedUsageAsync(contoso, fabrikam);

        // Act
        using var list = await auditor.GetAsync($"/api/admin/v1/usage?tenant={contoso}");
        using var export = await auditor.GetAsync($"/api/admin/v1/usage/export?tenant={contoso}&format=csv");
        using var verify = await auditor.PostAsync($"/api/admin/v1/audit/verify?chain={contoso}", null);
        using var verifyAppliance = await auditor.PostAsync("/api/admin/v1/audit/verify?chain=appliance", null);
        using var checkpoints = await auditor.GetAsync($"/api/admin/v1/audit/chains/{contoso}/checkpoints");
        using var seal = await auditor.PostAsync($"/api/admin/v1/audit/chains/{contoso}/checkpoints", null);
        var unfiltered = (await auditor.GetFromJsonAsync<List<UsageLogEntryDto>>("/api/admin/v1/usage?limit=1000"))!;
        var csv = await auditor.GetStringAsync("/api/admin/v1/usage/export?format=csv");
        var chains = (await auditor.GetFromJsonAsync<List<UsageChainSummary>>("/api/admin/v1/audit/chains"))!;
        using var verifyAll = await auditor.PostAsync("/api/admin/v1/audit/verify", null);
        var verified = (await verifyAll.Content.ReadFromJsonAsync<AuditVerificationResponse>())!;
        var sealedAfter = await fixture.Node.QueryAsync(db => db.UsageCheckpoints.CountAsync(c => c.Chain == contoso.ToString() && c.Kind == UsageCheckpointKind.OnDemand));

        // Assert - what names Contoso is refused ...
        foreach (var refused in new[] { list, export, verify, checkpoints, seal })
        {
            var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
            Assert.Contains("Auditor is not held for the organisation Contoso", detail, StringComparison.Ordinal);
        }

        await ProblemAssert.IsProblemAsync(verifyAppliance, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(0, sealedAfter);
        // ... and what names no organisation holds Fabrikam's alone: neither Contoso's entries nor the appliance's own.
        Assert.Contains(unfiltered, e => e.Id == seeded.Fabrikam);
        Assert.All(unfiltered, e => Assert.Equal(fabrikam, e.TenantId));
        var exported = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(seeded.Fabrikam, exported);
        Assert.DoesNotContain(seeded.Contoso, exported);
        Assert.DoesNotContain(seeded.Appliance, exported);
        Assert.Equal([fabrikam.ToString()], chains.Select(c => c.Chain));
        Assert.Equal(HttpStatusCode.OK, verifyAll.StatusCode);
        Assert.Equal([fabrikam.ToString()], verified.Chains.Select(c => c.Chain));
    }

    [Fact]
    public async Task Documents_OtherOrganisationsAuditor_DocumentAndTrackingAnsweredAsUnknown()
    {
        // Arrange - the reported case: a Fabrikam auditor read Contoso's documents and their tracking.
        using var fabrikamAuditor = await fixture.UserAsync("doc-auditor@fabrikam.test", ApplianceRoles.Auditor);
        using var contosoAuditor = await fixture.UserAsync("doc-auditor@contoso.test", ApplianceRoles.Auditor);
        var contentId = await SeedDocumentAsync(await TenantAsync("Contoso"), "owner@contoso.test");
        var unknown = Guid.NewGuid();

        // Act
        using var document = await fabrikamAuditor.GetAsync($"/api/v1/documents/{contentId}");
        using var tracking = await fabrikamAuditor.GetAsync($"/api/v1/documents/{contentId}/tracking");
        using var none = await fabrikamAuditor.GetAsync($"/api/v1/documents/{unknown}");
        using var ownAuditor = await contosoAuditor.GetAsync($"/api/v1/documents/{contentId}/tracking");
        using var byAdmin = await _admin.GetAsync($"/api/v1/documents/{contentId}");

        // Assert - the same answer as for a content id that is not registered, so the id is not confirmed.
        var unknownDetail = await ProblemAssert.IsProblemAsync(none, HttpStatusCode.NotFound, ProblemCodes.NotFound);
        foreach (var refused in new[] { document, tracking })
        {
            var detail = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.NotFound, ProblemCodes.NotFound);
            Assert.Equal(unknownDetail.Replace(unknown.ToString(), contentId.ToString(), StringComparison.Ordinal), detail);
        }

        Assert.Equal(HttpStatusCode.OK, ownAuditor.StatusCode);
        Assert.Single((await ownAuditor.Content.ReadFromJsonAsync<List<DocumentEvent>>())!);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Fact]
    public async Task Auditor_GrantedForTwoOrganisations_ReadsBothAndNothingElse()
    {
        // Arrange - one auditor for two organisations, named by domain and by id as the API allows.
        var (contoso, fabrikam) = (await TenantAsync("Contoso"), await TenantAsync("Fabrikam"));
        using var auditor = await fixture.UserForAsync("group-auditor@contoso.test", ["contoso.test", fabrikam.ToString()], ApplianceRoles.Auditor);
        var seeded = await SeedUsageAsync(contoso, fabrikam);
        var contosoDocument = await SeedDocumentAsync(contoso, "owner@contoso.test");
        var fabrikamDocument = await SeedDocumentAsync(fabrikam, "owner@fabrikam.test");

        // Act
        var shown = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/v1/users/group-auditor@contoso.test/roles");
        var entries = (await auditor.GetFromJsonAsync<List<UsageLogEntryDto>>("/api/admin/v1/usage?limit=1000"))!;
        using var byTenant = await auditor.GetAsync($"/api/admin/v1/usage?tenant={fabrikam}");
        var chains = (await auditor.GetFromJsonAsync<List<UsageChainSummary>>("/api/admin/v1/audit/chains"))!;
        using var contosoDoc = await auditor.GetAsync($"/api/v1/documents/{contosoDocument}");
        using var fabrikamDoc = await auditor.GetAsync($"/api/v1/documents/{fabrikamDocument}");

        // Assert
        Assert.Equal(["Contoso", "Fabrikam"], shown.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Contains(entries, e => e.Id == seeded.Contoso);
        Assert.Contains(entries, e => e.Id == seeded.Fabrikam);
        Assert.DoesNotContain(entries, e => e.Id == seeded.Appliance);
        Assert.All(entries, e => Assert.Contains(e.TenantId, new Guid?[] { contoso, fabrikam }));
        Assert.Equal(HttpStatusCode.OK, byTenant.StatusCode);
        Assert.Equal(new[] { contoso.ToString(), fabrikam.ToString() }.Order(), chains.Select(c => c.Chain).Order());
        Assert.Equal(HttpStatusCode.OK, contosoDoc.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fabrikamDoc.StatusCode);
    }

    [Fact]
    public async Task SetRoles_Organisations_DefaultNamedReplacedAndLogged()
    {
        // Arrange - the default is the user's own organisation; naming others replaces it, and the log says so.
        using var carol = await fixture.UserAsync("carol@contoso.test");
        var fabrikam = await TenantAsync("Fabrikam");

        // Act
        using var byDefault = await RolesNode.SetRolesAsync(_admin, "carol@contoso.test", ApplianceRoles.Auditor, ApplianceRoles.TemplateAdministrator);
        var defaultScope = await byDefault.Content.ReadFromJsonAsync<JsonElement>();
        using var contosoBefore = await carol.GetAsync("/api/admin/v1/usage");
        using var moved = await RolesNode.SetRolesForAsync(_admin, "carol@contoso.test", ["FABRIKAM.test"], ApplianceRoles.Auditor);
        var movedScope = await moved.Content.ReadFromJsonAsync<JsonElement>();
        using var contosoAfter = await carol.GetAsync($"/api/admin/v1/usage?tenant={await TenantAsync("Contoso")}");
        using var fabrikamAfter = await carol.GetAsync($"/api/admin/v1/usage?tenant={fabrikam}");
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/v1/role-assignments");
        using var cleared = await RolesNode.SetRolesAsync(_admin, "carol@contoso.test");
        var clearedScope = await cleared.Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
        Assert.Equal(["Contoso"], Names(defaultScope));
        Assert.Equal(HttpStatusCode.OK, contosoBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(["Fabrikam"], Names(movedScope));
        Assert.Equal(["fabrikam.test"], movedScope.GetProperty("organisations")[0].GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        await ProblemAssert.IsProblemAsync(contosoAfter, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.OK, fabrikamAfter.StatusCode);
        var carolListed = listed.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "carol@contoso.test");
        Assert.Equal(["Fabrikam"], Names(carolListed));
        Assert.Empty(Names(clearedScope));
        Assert.Empty(await fixture.Node.QueryAsync(db => db.RoleScopes.Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == "carol@contoso.test")).ToListAsync()));
        var actions = await fixture.Node.QueryAsync(db => db.UsageLog
            .Where(e => e.RequestType == "Admin" && e.AdminAction!.StartsWith("SetRoles carol@"))
            .OrderBy(e => e.Id).Select(e => e.AdminAction).ToListAsync());
        Assert.Equal(
            ["SetRoles carol@contoso.test: [TemplateAdministrator, Auditor]", "SetRoles carol@contoso.test: [Auditor] for [fabrikam.test]", "SetRoles carol@contoso.test: []"],
            actions);
    }

    [Fact]
    public async Task SetRoles_OrganisationsWrongOrMissing_PreciseRefusalAndNothingChanged()
    {
        // Arrange - the first-start admin belongs to no organisation, so a scoped role of theirs needs named ones.
        using var dave = await fixture.UserAsync("dave@contoso.test", ApplianceRoles.Auditor);

        // Act
        using var noOrganisation = await RolesNode.SetRolesAsync(_admin, "admin", ApplianceRoles.Administrator, ApplianceRoles.Auditor);
        using var unknown = await RolesNode.SetRolesForAsync(_admin, "dave@contoso.test", ["nowhere.test", "contoso.test", Guid.Empty.ToString()], ApplianceRoles.Auditor);
        using var notScoped = await RolesNode.SetRolesForAsync(_admin, "dave@contoso.test", ["contoso.test"]);
        using var named = await RolesNode.SetRolesForAsync(_admin, "admin", ["fabrikam.test"], ApplianceRoles.Administrator, ApplianceRoles.Auditor);
        var namedScope = await named.Content.ReadFromJsonAsync<JsonElement>();
        using var restored = await RolesNode.SetRolesAsync(_admin, "admin", ApplianceRoles.Administrator);
        var restoredScope = await restored.Content.ReadFromJsonAsync<JsonElement>();
        var daveRoles = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/v1/users/dave@contoso.test/roles");

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(noOrganisation, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal("admin belongs to no organisation, so Auditor must be held for named ones: give 'organisations' (domains or organisation ids).", detail);
        var unknownDetail = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains($"'nowhere.test', '{Guid.Empty}'", unknownDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("'contoso.test'", unknownDetail, StringComparison.Ordinal);
        var notScopedDetail = await ProblemAssert.IsProblemAsync(notScoped, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("Administrator is appliance-wide", notScopedDetail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(["Fabrikam"], Names(namedScope));
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Empty(Names(restoredScope));
        Assert.Equal(["Auditor"], daveRoles.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Contoso"], Names(daveRoles));
    }

    private static List<string?> Names(JsonElement userRoles) =>
        [.. userRoles.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("name").GetString())];

    private static TemplateRequest Template(string name) =>
        TemplatesNode.Request(name, null, new TemplateGrant(TemplatePrincipals.Organization, TemplatePresets.Viewer, null));

    private async Task<TemplateDetails> CreateTemplateAsync(string tenant, string name)
    {
        using var response = await _admin.PostAsJsonAsync($"/api/admin/v1/tenants/{tenant}/templates", Template(name));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TemplateDetails>())!;
    }

    private Task<Guid> TenantAsync(string name) =>
        fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    /// <summary>One recent entry each for Contoso, Fabrikam and the appliance itself (no organisation).</summary>
    private Task<(long Contoso, long Fabrikam, long Appliance)> SeedUsageAsync(Guid contoso, Guid fabrikam) =>
        fixture.Node.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var entries = new[]
            {
                UsageSeed.Entry(contoso, now, "AcquireLicense", "someone@contoso.test", UsageResult.Granted, Guid.NewGuid()),
                UsageSeed.Entry(fabrikam, now, "AcquireLicense", "someone@fabrikam.test", UsageResult.Granted, Guid.NewGuid()),
                UsageSeed.Entry(null, now, "Admin", "admin", UsageResult.Granted),
            };
            db.UsageLog.AddRange(entries);
            await db.SaveChangesAsync();
            return (entries[0].Id, entries[1].Id, entries[2].Id);
        });

    /// <summary>A registered document of the tenant with one licence request in its timeline.</summary>
    private Task<Guid> SeedDocumentAsync(Guid tenant, string owner) =>
        fixture.Node.QueryAsync(async db =>
        {
            var contentId = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            db.ProtectedDocuments.Add(new ProtectedDocument { ContentId = contentId, TenantId = tenant, OwnerEmail = owner, FileName = "plan.docx", PublishedAt = now, RegisteredAt = now });
            db.UsageLog.Add(UsageSeed.Entry(tenant, now, "AcquireLicense", owner, UsageResult.Granted, contentId, fileName: "plan.docx"));
            await db.SaveChangesAsync();
            return contentId;
        });
}
