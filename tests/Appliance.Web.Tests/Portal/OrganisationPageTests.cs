using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>/admin/organisation: the offline cap of one organisation, set from the portal.</summary>
public sealed class OrganisationPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    private Task<Guid> TenantIdAsync(string name) =>
        fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    private Task<int> MaxOfflineDaysAsync(string name) =>
        fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == name).Select(t => t.MaxOfflineDays).SingleAsync());

    [Fact]
    public async Task Save_ChangesOnlyThatOrganisation_SaysSoAndLogsIt()
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var fabrikam = await TenantIdAsync("Fabrikam");

        // Act
        var saved = await PortalHtml.PostAsync(admin, "/admin/organisation", "tenant-settings",
            new() { ["tenant"] = fabrikam.ToString(), ["maxOfflineDays"] = "5" });
        var shown = await PortalHtml.PageAsync(admin, $"/admin/organisation?tenant={fabrikam}");

        // Assert
        Assert.Equal("Saved: Fabrikam's content may be used offline for at most 5 days.", PortalHtml.Text(saved, "notice"));
        Assert.Equal(5, await MaxOfflineDaysAsync("Fabrikam"));
        Assert.Equal(30, await MaxOfflineDaysAsync("Contoso"));
        Assert.Contains("value=\"5\"", shown, StringComparison.Ordinal);
        // The two default templates offer 7 days, now cut to 5.
        Assert.Equal("2 template(s) offer more offline days than this; their licences are cut to it.", PortalHtml.Text(shown, "templates-above-cap"));
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.AdminAction == "PutTenantSettings Fabrikam: maxOfflineDays=5"));
        Assert.Equal((UsageResult.Granted, fabrikam, "admin"), (entry.Result, entry.TenantId, entry.UserEmail));
    }

    [Theory]
    [InlineData("a week", "Maximum offline days must be a whole number from 0 to 3650.")]
    [InlineData("-3", "Maximum offline days must be a whole number from 0 to 3650.")]
    [InlineData("3651", "maxOfflineDays must be between 0 (always ask the appliance) and 3650; it was 3651.")]
    public async Task Save_BadNumber_OneClearSentenceAndNothingChanged(string typed, string sentence)
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var contoso = await TenantIdAsync("Contoso");

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/organisation", "tenant-settings",
            new() { ["tenant"] = contoso.ToString(), ["maxOfflineDays"] = typed });

        // Assert
        Assert.Equal(sentence, PortalHtml.Text(html, "error"));
        Assert.Equal(30, await MaxOfflineDaysAsync("Contoso"));
    }

    [Fact]
    public async Task Save_UnknownOrganisation_RefusedRatherThanAppliedToAnother()
    {
        // Arrange - the page falls back to the first organisation for display; a save must never.
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/organisation", "tenant-settings",
            new() { ["tenant"] = Guid.NewGuid().ToString(), ["maxOfflineDays"] = "1" });

        // Assert
        Assert.Equal("The form named no activated organisation; nothing was changed.", PortalHtml.Text(html, "error"));
        Assert.Equal(30, await MaxOfflineDaysAsync("Contoso"));
    }
}
