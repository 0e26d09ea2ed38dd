using System.Net;
using System.Text.RegularExpressions;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>The templates list and wizard pages, posted as a browser without script would post them.</summary>
public sealed class TemplatePagesTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    private async Task<Guid> ContosoAsync() => await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());

    private static Dictionary<string, string> Draft(Guid tenant, int step, string go, string name, string scopeGroups) => new()
    {
        ["tenant"] = tenant.ToString(),
        ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["go"] = go,
        ["texts"] = "1",
        ["language[0]"] = "en-US",
        ["name[0]"] = name,
        ["description[0]"] = "Department only.",
        ["grants"] = "1",
        ["principal[0]"] = string.Empty,
        ["allUsers[0]"] = "true",
        ["preset[0]"] = "Editor",
        ["expiry"] = "never",
        ["offline"] = "days",
        ["offlineDays"] = "3",
        ["scope"] = "groups",
        ["scopeGroups"] = scopeGroups,
        ["status"] = "published",
    };

    [Fact]
    public async Task Wizard_EveryStepThenSave_CreatesTheScopedTemplateAndListsIt()
    {
        // Arrange
        await fixture.AddUserAsync("tpl-wizard@contoso.test", ApplianceRoles.TemplateAdministrator);
        using var admin = await fixture.PortalAsync("tpl-wizard@contoso.test");
        using var group = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        await PortalHtml.PostAsync(group, "/admin/groups", "create-group", new() { ["Input.Email"] = "legal@contoso.test" });
        var tenant = await ContosoAsync();

        // Act - each "next" posts the whole draft, as the hidden fields do.
        var headings = new List<string?>();
        for (var step = 1; step <= 4; step++)
        {
            var html = await PortalHtml.PostAsync(admin, "/admin/templates/new", "template-wizard", Draft(tenant, step, "next", "Legal only", "legal@contoso.test"));
            headings.Add(PortalHtml.Text(html, "step-heading"));
        }

        using var saved = await admin.PostFormAsync("/admin/templates/new", "template-wizard", Draft(tenant, 5, "save", "Legal only", "legal@contoso.test"));
        var list = await PortalHtml.PageAsync(admin, PortalClient.LocationPath(saved));

        // Assert
        Assert.Equal(
            ["Step 2 of 5: Rights", "Step 3 of 5: Expiry and offline access", "Step 4 of 5: Scope and status", "Step 5 of 5: Review and save"],
            headings);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Legal only", PortalHtml.Texts(list, "template-name"));
        Assert.Contains("legal@contoso.test", PortalHtml.Texts(list, "template-scope"));
        var template = await fixture.Node.QueryAsync(db => db.Templates.AsNoTracking().Where(t => t.TenantId == tenant).ToListAsync());
        var made = Assert.Single(template, t => t.Texts.Any(x => x.Name == "Legal only"));
        Assert.Equal(["legal@contoso.test"], made.ScopeGroups);
        Assert.Equal(3, made.OfflineDays);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.SingleAsync(e => e.AdminAction == "CreateTemplate Legal only"));
        Assert.Equal(UsageResult.Granted, entry.Result);
    }

    [Fact]
    public async Task Wizard_NextWithBrokenRules_StaysOnTheStepWithTheMessages()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var tenant = await ContosoAsync();

        // Act
        var names = await PortalHtml.PostAsync(admin, "/admin/templates/new", "template-wizard", Draft(tenant, 1, "next", "Bad|name", string.Empty));
        var scope = await PortalHtml.PostAsync(admin, "/admin/templates/new", "template-wizard", Draft(tenant, 4, "next", "Fine name", "nobody@contoso.test"));
        using var save = await admin.PostFormAsync("/admin/templates/new", "template-wizard", Draft(tenant, 5, "save", "Fine name", "nobody@contoso.test"));
        var saveHtml = await save.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal("Step 1 of 5: Names and descriptions", PortalHtml.Text(names, "step-heading"));
        Assert.Contains("data-field=\"names[0].text\"", names, StringComparison.Ordinal);
        Assert.Equal("Step 4 of 5: Scope and status", PortalHtml.Text(scope, "step-heading"));
        Assert.Contains("data-field=\"scope[0]\"", scope, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Equal("Step 4 of 5: Scope and status", PortalHtml.Text(saveHtml, "step-heading"));
        Assert.False(await fixture.Node.QueryAsync(db => db.Templates.AnyAsync(t => t.TenantId == tenant && t.IsArchived == false && t.ScopeGroups != null && t.ScopeGroups.Contains("nobody@contoso.test"))));
    }

    [Fact]
    public async Task Wizard_RemoveOfMiddleGrant_ShowsTheRightsStepWithTheOtherGrantsAsTyped()
    {
        // Arrange - three grants, the last for everyone with custom rights; the rights step as the page shows it.
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var tenant = await ContosoAsync();
        var fields = Draft(tenant, 1, "next", "Three grants", string.Empty);
        fields.Remove("allUsers[0]");
        fields["grants"] = "3";
        fields["principal[0]"] = "finance@contoso.test";
        fields["preset[0]"] = "Editor";
        fields["principal[1]"] = "bob@contoso.test";
        fields["preset[1]"] = "Viewer";
        fields["principal[2]"] = string.Empty;
        fields["allUsers[2]"] = "true";
        fields["preset[2]"] = "custom";
        fields["rights[2]"] = "VIEW";
        var rights = await PortalHtml.PostAsync(admin, "/admin/templates/new", "template-wizard", fields);
        var button = Regex.Match(rights, "<button[^>]*aria-label=\"Remove grant bob@contoso.test\"[^>]*>");
        Assert.True(button.Success, "no Remove button for bob's grant");
        var first = Regex.Match(rights, "<form[^>]*action=\"/admin/templates/new\"[^>]*>.*?(<button[^>]*>)", RegexOptions.Singleline).Groups[1].Value;

        // Act - the step posted back with that button pressed, instead of a "go".
        fields["step"] = "2";
        fields.Remove("go");
        fields[Attribute(button.Value, "name")] = Attribute(button.Value, "value");
        var removed = await PortalHtml.PostAsync(admin, "/admin/templates/new", "template-wizard", fields);

        // Assert
        Assert.Equal("Step 2 of 5: Rights", PortalHtml.Text(rights, "step-heading"));
        Assert.Equal(("go", "next"), (Attribute(first, "name"), Attribute(first, "value")));   // what Enter in a text box presses: not a Remove
        Assert.Equal("Step 2 of 5: Rights", PortalHtml.Text(removed, "step-heading"));
        Assert.Equal("2", Attribute(Input(removed, "grants"), "value"));
        Assert.Equal("finance@contoso.test", Attribute(Input(removed, "principal[0]"), "value"));
        Assert.Matches("<option value=\"Editor\" selected", Select(removed, "preset[0]"));
        Assert.Equal(string.Empty, Attribute(Input(removed, "principal[1]"), "value"));
        Assert.Contains(" checked", Input(removed, "allUsers[1]"), StringComparison.Ordinal);
        Assert.Matches("<option value=\"custom\" selected", Select(removed, "preset[1]"));
        Assert.Equal(["VIEW"], Inputs(removed, "rights[1]").Where(i => i.Contains(" checked", StringComparison.Ordinal)).Select(i => Attribute(i, "value")));
        Assert.DoesNotContain("name=\"principal[2]\"", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@contoso.test", removed, StringComparison.Ordinal);
        Assert.Equal("Three grants", Attribute(Input(removed, "name[0]"), "value"));
    }

    [Fact]
    public async Task List_DeleteOfUsedTemplate_SaysToArchiveAndArchiveThenCopyWork()
    {
        // Arrange - a used template: content was protected with it.
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var tenant = await ContosoAsync();
        var fields = Draft(tenant, 5, "save", "Used one", string.Empty);
        fields["scope"] = "everyone";
        using var made = await admin.PostFormAsync("/admin/templates/new", "template-wizard", fields);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var id = await fixture.Node.QueryAsync(async db =>
        {
            var t = (await db.Templates.Where(x => x.TenantId == tenant).ToListAsync()).Single(x => x.Texts.Any(n => n.Name == "Used one"));
            t.FirstUsedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            return t.Id;
        });

        // Act
        var delete = await PortalHtml.PostAsync(admin, "/admin/templates", "template-action", new() { ["tenant"] = tenant.ToString(), ["delete"] = id.ToString() });
        var archive = await PortalHtml.PostAsync(admin, "/admin/templates", "template-action", new() { ["tenant"] = tenant.ToString(), ["archive"] = id.ToString() });
        var copy = await PortalHtml.PostAsync(admin, "/admin/templates", "template-action", new() { ["tenant"] = tenant.ToString(), ["copy"] = id.ToString() });

        // Assert
        Assert.Equal(
            "Content has been protected with the template 'Used one', so it cannot be deleted: archive it instead, which keeps that content readable and stops new protection.",
            PortalHtml.Text(delete, "error"));
        Assert.Contains("'Used one' is archived", PortalHtml.Text(archive, "notice"), StringComparison.Ordinal);
        Assert.Contains("Used one (copy)", PortalHtml.Texts(copy, "template-name"));
        Assert.True(await fixture.Node.QueryAsync(db => db.Templates.Where(t => t.Id == id).Select(t => t.IsArchived).SingleAsync()));
    }

    private static List<string> Inputs(string html, string name) =>
        [.. Regex.Matches(html, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>").Select(m => m.Value)];

    private static string Input(string html, string name) => Assert.Single(Inputs(html, name));

    private static string Select(string html, string name) =>
        Regex.Match(html, $"<select[^>]*\\bname=\"{Regex.Escape(name)}\".*?</select>", RegexOptions.Singleline) is { Success: true } m ? m.Value : string.Empty;

    private static string Attribute(string tag, string name) =>
        WebUtility.HtmlDecode(Regex.Match(tag, $"\\b{Regex.Escape(name)}=\"([^\"]*)\"").Groups[1].Value);
}
