using Appliance.Data.Documents;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Portal;

public sealed class OverviewPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task Overview_AdministratorAndAuditor_SeeEachTenantsCounts()
    {
        // Arrange - counts that differ per tenant, and usage older than 24 h that must not count.
        await fixture.AddUserAsync("alice@contoso.test");
        await fixture.AddUserAsync("bob@contoso.test");
        // Held for both organisations, so the auditor sees both rows.
        await fixture.AddUserForAsync("overview-auditor@fabrikam.test", ["fabrikam.test", "contoso.test"], ApplianceRoles.Auditor);
        var contoso = await fixture.Node.QueryAsync(db => Task.FromResult(db.Tenants.Single(t => t.Name == "Contoso").Id));
        var now = DateTimeOffset.UtcNow;
        await fixture.Node.QueryAsync(async db =>
        {
            db.ProtectedDocuments.Add(new ProtectedDocument { ContentId = Guid.NewGuid(), TenantId = contoso, OwnerEmail = "alice@contoso.test", PublishedAt = now, RegisteredAt = now });
            db.UsageLog.AddRange(
                Unchained(contoso, "AcquireLicense", UsageResult.Granted, now.AddHours(-1)),
                Unchained(contoso, "AcquireLicense", UsageResult.Granted, now.AddHours(-2)),
                Unchained(contoso, "AcquireLicense", UsageResult.Denied, now.AddHours(-3)),
                Unchained(contoso, "AcquireLicense", UsageResult.Denied, now.AddHours(-30)),
                Unchained(contoso, "Publish", UsageResult.Granted, now.AddHours(-1)));
            return await db.SaveChangesAsync();
        });
        using var admin = await fixture.PortalAsync("admin", ApplianceFactory.AdminPassword);
        using var auditor = await fixture.PortalAsync("overview-auditor@fabrikam.test");

        // Act
        var asAdmin = await PortalHtml.PageAsync(admin, "/");
        var asAuditor = await PortalHtml.PageAsync(auditor, "/");

        // Assert
        foreach (var html in new[] { asAdmin, asAuditor })
        {
            var row = PortalHtml.OverviewRow(html, "Contoso");
            Assert.Equal("1", row["key-version"]);
            // The two default templates every activation creates.
            Assert.Equal("2", row["templates"]);
            Assert.Equal("2", row["users"]);
            Assert.Equal("1", row["documents"]);
            Assert.Equal("3", row["requests"]);
            Assert.Equal("1", row["refusals"]);
            Assert.Equal("1", PortalHtml.OverviewRow(html, "Fabrikam")["users"]);
        }

        Assert.Contains("href=\"admin/activation\"", asAdmin, StringComparison.Ordinal);
        Assert.DoesNotContain("Activate an organisation", asAuditor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_PlainUserOrAnonymous_SeeOnlyThePublicCard()
    {
        // Arrange - the tenant list is for administrators and auditors only.
        await fixture.AddUserAsync("overview-plain@contoso.test");
        using var plain = await fixture.PortalAsync("overview-plain@contoso.test");
        using var anonymous = await fixture.PortalAsync(null);

        // Act
        var pages = new[] { await PortalHtml.PageAsync(plain, "/"), await PortalHtml.PageAsync(anonymous, "/") };

        // Assert
        foreach (var html in pages)
        {
            Assert.DoesNotContain("tenant-overview", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Contoso", html, StringComparison.Ordinal);
            Assert.Contains("Security worlds served", html, StringComparison.Ordinal);
        }
    }

    /// <summary>An entry outside any real chain: this page counts entries and does not care how they are linked.</summary>
    private static UsageLogEntry Unchained(Guid tenantId, string requestType, UsageResult result, DateTimeOffset timestamp) => new()
    {
        Chain = $"seed-{Guid.NewGuid():N}"[..32],
        PreviousHash = new byte[32],
        Hash = new byte[32],
        TenantId = tenantId,
        RequestType = requestType,
        Result = result,
        Timestamp = timestamp,
    };
}
