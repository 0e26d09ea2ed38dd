using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Templates;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Templates;

public sealed class TemplateAdminTests(TemplatesNode fixture) : IClassFixture<TemplatesNode>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Activation_DefaultTemplates_ExactRightListsForTheWholeOrganisation()
    {
        // Act
        var templates = await Admin.GetFromJsonAsync<List<TemplateDetails>>("/api/admin/v1/tenants/contoso.test/templates");

        // Assert - the two lists are the issue's, right for right (catalogue order on the wire).
        var defaults = templates!.Where(t => t.IsDefault).ToDictionary(t => t.Names[0].Text);
        Assert.Equal(["Contoso, Ltd - Confidential", "Contoso, Ltd - Confidential View Only"], defaults.Keys.Order());
        Assert.Equal(
            ["VIEW", "EDIT", "DOCEDIT", "PRINT", "EXTRACT", "EXPORT", "FORWARD", "REPLY", "REPLYALL", "OBJMODEL", "VIEWRIGHTSDATA", "EDITRIGHTSDATA", "OWNER"],
            Assert.Single(defaults["Contoso, Ltd - Confidential"].Grants).Rights);
        Assert.Equal(
            ["VIEW", "EDIT", "DOCEDIT", "PRINT", "EXTRACT", "FORWARD", "REPLY", "REPLYALL", "OBJMODEL", "VIEWRIGHTSDATA"],
            Assert.Single(defaults["Contoso, Ltd - Confidential View Only"].Grants).Rights);
        foreach (var template in defaults.Values)
        {
            Assert.Equal(TemplatePrincipals.Organization, template.Grants[0].Principal);
            Assert.Equal(new TemplateOfflineAccess(TemplateModes.Days, 7), template.Offline);
            Assert.Equal(TemplateModes.Never, template.Expiry.Mode);
            Assert.Equal(TemplateModes.Published, template.Status);
            Assert.Null(template.Scope);
            Assert.False(template.Used);
        }
    }

    [Fact]
    public async Task Create_InvalidRequest_ValidationProblemWithEveryFieldError()
    {
        // Arrange - what a wizard submits when the rights step and the offline step are wrong.
        var request = TemplatesNode.Request("Broken") with
        {
            Grants = [new TemplateGrant("nobody", "Viewer", null)],
            Offline = new TemplateOfflineAccess(TemplateModes.Days, 31),
        };

        // Act
        using var response = await Admin.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates", request);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.StartsWith("The template is not valid: ", detail, StringComparison.Ordinal);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .Deserialize<List<TemplateFieldError>>(JsonSerializerOptions.Web)!;
        Assert.Equal(
            [("grants[0].principal", TemplateErrorCodes.PrincipalInvalid), ("offline.days", TemplateErrorCodes.AboveTenantMaximum)],
            errors.Select(e => (e.Field, e.Code)));
        var templates = await Admin.GetFromJsonAsync<List<TemplateDetails>>("/api/admin/v1/tenants/contoso.test/templates");
        Assert.DoesNotContain(templates!, t => t.Names[0].Text == "Broken");
    }

    [Fact]
    public async Task Validate_Step_ErrorsWithoutSaving()
    {
        // Arrange - a wizard checks a step before the last one: nothing may be stored.
        var request = TemplatesNode.Request("Validated only") with { Scope = ["nosuch@contoso.test"] };

        // Act
        var errors = await (await Admin.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates/validate", request))
            .Content.ReadFromJsonAsync<List<TemplateFieldError>>();
        var clean = await (await Admin.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates/validate", request with { Scope = null }))
            .Content.ReadFromJsonAsync<List<TemplateFieldError>>();

        // Assert
        var error = Assert.Single(errors!);
        Assert.Equal(("scope[0]", TemplateErrorCodes.GroupUnknown), (error.Field, error.Code));
        Assert.Empty(clean!);
        var templates = await Admin.GetFromJsonAsync<List<TemplateDetails>>("/api/admin/v1/tenants/contoso.test/templates");
        Assert.DoesNotContain(templates!, t => t.Names[0].Text == "Validated only");
    }

    [Fact]
    public async Task CreateGetUpdate_RoundTrip_WhatWasSavedIsShown()
    {
        // Arrange
        var created = await fixture.CreateAsync(TemplatesNode.Request("Round trip", ["sales@contoso.test"],
            new TemplateGrant("sales@contoso.test", "editor", null), new TemplateGrant("Legal@Contoso.test", null, ["print", "view"])));

        // Act
        var update = TemplatesNode.Request("Round trip renamed") with
        {
            Names = [new LocalizedText("en-US", "Round trip renamed"), new LocalizedText("fr", "Aller-retour")],
            Descriptions = [new LocalizedText("en-US", "Renamed"), new LocalizedText("fr", "Renommé")],
            Expiry = new TemplateExpiry(TemplateModes.Days, Days: 90),
            Offline = new TemplateOfflineAccess(TemplateModes.Never),
        };
        using var put = await Admin.PutAsJsonAsync($"/api/admin/v1/templates/{created.Id}", update);
        var shown = await Admin.GetFromJsonAsync<TemplateDetails>($"/api/admin/v1/templates/{created.Id}");

        // Assert
        Assert.Equal(TemplatePresets.Editor, created.Grants[0].Preset);
        Assert.Equal(["VIEW", "PRINT"], created.Grants[1].Rights);
        Assert.Equal("legal@contoso.test", created.Grants[1].Principal);
        Assert.Equal(["sales@contoso.test"], created.Scope);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["Round trip renamed", "Aller-retour"], shown!.Names.Select(n => n.Text));
        Assert.Equal(new TemplateExpiry(TemplateModes.Days, null, 90), shown.Expiry);
        Assert.Equal(TemplateModes.Never, shown.Offline.Mode);
        Assert.Null(shown.Scope);
        Assert.Contains(await fixture.Node.QueryAsync(db => db.UsageLog.Select(e => e.AdminAction).ToListAsync()),
            a => a == $"UpdateTemplate {created.Id} 'Round trip renamed'");
    }

    [Fact]
    public async Task Create_NameOfAnotherTemplate_NameTaken()
    {
        using var response = await Admin.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates", TemplatesNode.Request("contoso, ltd - CONFIDENTIAL"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(TemplateErrorCodes.NameTaken, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_Template_ArchivedCopyWithCopyNames()
    {
        // Arrange
        var source = await fixture.CreateAsync(TemplatesNode.Request("To copy", ["sales@contoso.test"]));

        // Act
        using var first = await Admin.PostAsync($"/api/admin/v1/templates/{source.Id}/copy", null);
        using var second = await Admin.PostAsync($"/api/admin/v1/templates/{source.Id}/copy", null);
        var copy = (await first.Content.ReadFromJsonAsync<TemplateDetails>())!;
        var copy2 = (await second.Content.ReadFromJsonAsync<TemplateDetails>())!;

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.NotEqual(source.Id, copy.Id);
        Assert.Equal("To copy (copy)", copy.Names[0].Text);
        Assert.Equal("To copy (copy 2)", copy2.Names[0].Text);
        Assert.Equal(TemplateModes.Archived, copy.Status);
        Assert.Equal(source.Grants, copy.Grants, (a, b) => a.Principal == b.Principal && a.Rights!.SequenceEqual(b.Rights!));
        Assert.Equal(source.Scope, copy.Scope);
    }

    [Fact]
    public async Task ArchivePublish_Status_Toggles()
    {
        var template = await fixture.CreateAsync(TemplatesNode.Request("Toggled"));

        var archived = await (await Admin.PostAsync($"/api/admin/v1/templates/{template.Id}/archive", null)).Content.ReadFromJsonAsync<TemplateDetails>();
        var published = await (await Admin.PostAsync($"/api/admin/v1/templates/{template.Id}/publish", null)).Content.ReadFromJsonAsync<TemplateDetails>();

        Assert.Equal(TemplateModes.Archived, archived!.Status);
        Assert.Equal(TemplateModes.Published, published!.Status);
    }

    [Fact]
    public async Task Delete_NeverUsed_Gone()
    {
        var template = await fixture.CreateAsync(TemplatesNode.Request("Short lived"));

        using var delete = await Admin.DeleteAsync($"/api/admin/v1/templates/{template.Id}");
        using var get = await Admin.GetAsync($"/api/admin/v1/templates/{template.Id}");

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, ProblemCodes.TemplateNotFound);
    }

    [Fact]
    public async Task Delete_UsedTemplate_ConflictSayingToArchive()
    {
        // Arrange - content protected with it needs it to stay (archived still opens content).
        var template = await fixture.CreateAsync(TemplatesNode.Request("Used once"));
        var available = (await TemplatesNode.AvailableAsync(fixture.Alice)).Single(t => t.Id == template.Id);
        (await TemplatesNode.PublishWithAsync(fixture.Alice, available)).Response.EnsureSuccessStatusCode();

        // Act
        using var delete = await Admin.DeleteAsync($"/api/admin/v1/templates/{template.Id}");
        using var archive = await Admin.PostAsync($"/api/admin/v1/templates/{template.Id}/archive", null);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.Conflict, ProblemCodes.TemplateInUse);
        Assert.Contains("archive it instead", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.True((await archive.Content.ReadFromJsonAsync<TemplateDetails>())!.Used);
    }

    [Fact]
    public async Task Create_Beyond500CustomTemplates_LimitReached()
    {
        // Arrange - a tenant of its own holding 500 custom templates (stored directly: 500 API calls would be slow);
        // its two defaults do not count.
        var tenant = await fixture.Node.ActivateTenantAsync("Limit Corp", "na", "limit.test");
        await TemplatesNode.SeedCustomTemplatesAsync(fixture.Node, tenant.Id, TemplateAdministration.MaxCustomTemplates - 1);
        var last = await fixture.CreateAsync(TemplatesNode.Request("Number 500", grants: new TemplateGrant("organization", "Viewer", null)), "limit.test");

        // Act
        using var create = await Admin.PostAsJsonAsync("/api/admin/v1/tenants/limit.test/templates",
            TemplatesNode.Request("Number 501", grants: new TemplateGrant("organization", "Viewer", null)));
        using var copy = await Admin.PostAsync($"/api/admin/v1/templates/{last.Id}/copy", null);

        // Assert
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Conflict, ProblemCodes.TemplateLimitReached);
        await ProblemAssert.IsProblemAsync(copy, HttpStatusCode.Conflict, ProblemCodes.TemplateLimitReached);
        Assert.Equal(502, await fixture.Node.QueryAsync(db => db.Templates.CountAsync(t => t.TenantId == tenant.Id)));
    }

    [Fact]
    public async Task UnknownTenant_NotFound()
    {
        using var response = await Admin.GetAsync("/api/admin/v1/tenants/nowhere.test/templates");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }
}
