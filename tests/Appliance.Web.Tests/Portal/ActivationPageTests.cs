using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

public sealed class ActivationPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    private static Dictionary<string, string> Fields(string step, string organisation, string region, string domains) => new()
    {
        ["step"] = step,
        ["organisation"] = organisation,
        ["region"] = region,
        ["domains"] = domains,
    };

    [Fact]
    public async Task Activation_ReviewThenConfirm_CreatesTheTenantOnlyOnConfirm()
    {
        // Arrange - the first step must only show a summary; keys are made on the second.
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);

        // Act
        var review = await PortalHtml.PostAsync(admin, "/admin/activation", "activation", Fields("review", " Northwind Traders ", "na", "northwind.test, NW.test"));
        var afterReview = await fixture.Node.QueryAsync(db => db.Tenants.CountAsync(t => t.Name == "Northwind Traders"));
        var done = await PortalHtml.PostAsync(admin, "/admin/activation", "activation", Fields("confirm", "Northwind Traders", "na", "northwind.test nw.test"));

        // Assert
        Assert.Contains("Step 2 of 2", review, StringComparison.Ordinal);
        Assert.Contains("northwind.test, nw.test", review, StringComparison.Ordinal);
        Assert.Equal(0, afterReview);
        Assert.Equal("1", PortalHtml.Text(done, "key-version"));
        var tenant = await fixture.Node.QueryAsync(db => db.Tenants.Include(t => t.Domains).Include(t => t.Keys).SingleAsync(t => t.Name == "Northwind Traders"));
        Assert.Equal("na", tenant.Region);
        Assert.Equal(["northwind.test", "nw.test"], tenant.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal));
        Assert.Single(tenant.Keys);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.SingleAsync(e => e.TenantId == tenant.Id && e.AdminAction!.StartsWith("ActivateTenant")));
        Assert.Equal(UsageResult.Granted, entry.Result);
        Assert.Equal("admin", entry.UserEmail);
        var overview = PortalHtml.OverviewRow(await PortalHtml.PageAsync(admin, "/"), "Northwind Traders");
        Assert.Equal("1", overview["key-version"]);
    }

    [Theory]
    [InlineData("review", "", "na", "x.test", "The organisation name is required.")]
    [InlineData("review", "Bad Domain", "na", "not-a-domain", "'not-a-domain' is not an e-mail domain such as contoso.com.")]
    [InlineData("review", "Far Away", "apac", "far.test", "This node does not serve the region 'apac'.")]
    [InlineData("confirm", "Contoso", "na", "contoso2.test", "An organisation named 'Contoso' is already activated.")]
    [InlineData("confirm", "Taken Domain", "na", "contoso.test", "The domain 'contoso.test' already belongs to another organisation.")]
    public async Task Activation_BadInput_OneClearSentenceAndNothingMade(string step, string organisation, string region, string domains, string sentence)
    {
        // Arrange
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        var before = await fixture.Node.QueryAsync(db => db.Tenants.CountAsync());

        // Act
        var html = await PortalHtml.PostAsync(admin, "/admin/activation", "activation", Fields(step, organisation, region, domains));

        // Assert
        Assert.Equal(sentence, PortalHtml.Text(html, "error"));
        Assert.Equal(before, await fixture.Node.QueryAsync(db => db.Tenants.CountAsync()));
    }
}
