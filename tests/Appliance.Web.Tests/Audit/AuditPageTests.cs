using System.Net;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Audit;

/// <summary>The portal's integrity page: an auditor verifies the log in the browser and sees the tampering named.</summary>
public sealed class AuditPageTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    [Fact]
    public async Task AuditPage_Auditor_VerifiesIntactThenNamesTheAlteredEntry()
    {
        // Arrange
        // Held for Contoso too, whose chain is the one tampered with.
        await fixture.AddUserForAsync("integrity-auditor@fabrikam.test", ["fabrikam.test", "contoso.test"], ApplianceRoles.Auditor);
        using var auditor = await fixture.PortalAsync("integrity-auditor@fabrikam.test");
        var contoso = await fixture.Node.QueryAsync(db => db.Tenants.Where(t => t.Name == "Contoso").Select(t => t.Id).SingleAsync());

        // Act
        var page = await PortalHtml.PageAsync(auditor, "/reports/audit");
        var intact = await PortalHtml.PostAsync(auditor, "/reports/audit", "verify-usage-log", []);
        var victim = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.Chain == UsageChains.Of(contoso)).OrderBy(e => e.Sequence).FirstAsync());
        await fixture.Node.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "UsageLog" SET "AdminAction" = 'nothing happened' WHERE "Id" = {victim.Id}"""));
        var broken = await PortalHtml.PostAsync(auditor, "/reports/audit", "verify-usage-log", []);

        // Assert
        Assert.Contains("<td>Contoso</td>", page, StringComparison.Ordinal);
        Assert.Contains("Every chain is intact", intact, StringComparison.Ordinal);
        Assert.Contains("The usage log was tampered with", broken, StringComparison.Ordinal);
        Assert.Contains($"broken (altered)</strong>: Entry {victim.Sequence} (row {victim.Id}", WebUtility.HtmlDecode(broken), StringComparison.Ordinal);
        var logged = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.UserEmail == "integrity-auditor@fabrikam.test" && e.RequestType == "Admin").Select(e => e.AdminAction).ToListAsync());
        Assert.Contains(logged, a => a!.StartsWith("VerifyUsageLog", StringComparison.Ordinal) && a.EndsWith("intact", StringComparison.Ordinal));
        Assert.Contains(logged, a => a!.StartsWith("VerifyUsageLog 1 of", StringComparison.Ordinal));
    }
}
