using System.Net;
using Appliance.Data.Usage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Audit;

/// <summary>The client requests the W3C log names are logged too, and a request naming no real organisation starts no chain.</summary>
public sealed class UsageEntryCoverageTests(SqliteAuditNode fixture) : IClassFixture<SqliteAuditNode>
{
    [Fact]
    public async Task TemplateListAndTenantCertificates_LoggedInTheOrganisationsChain()
    {
        // Arrange
        var tenantId = await fixture.NewTenantAsync();
        var domain = await fixture.Node.QueryAsync(db => db.TenantDomains.Where(d => d.TenantId == tenantId).Select(d => d.Domain).SingleAsync());
        await fixture.Node.AddUserAsync($"reader@{domain}", "password of reader 1");
        using var reader = await fixture.Node.SignInAsync($"reader@{domain}", "password of reader 1");

        // Act
        using var templates = await reader.GetAsync("/api/v1/templates");
        using var certificates = await reader.GetAsync($"/api/external/v1/tenants/{tenantId}/certificates");

        // Assert
        Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        Assert.Equal(HttpStatusCode.OK, certificates.StatusCode);
        var logged = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.UserEmail == $"reader@{domain}").OrderBy(e => e.Id).Select(e => new { e.RequestType, e.Chain, e.Result }).ToListAsync());
        Assert.Equal(["GetTemplates", "GetClientLicensorCert"], logged.Select(e => e.RequestType));
        Assert.All(logged, e => Assert.Equal((UsageChains.Of(tenantId), UsageResult.Granted), (e.Chain, e.Result)));
    }

    [Fact]
    public async Task RequestNamingAnUnknownOrganisation_GoesToTheApplianceChain()
    {
        // Arrange - any signed-in caller can name any id; that must not create a chain no key can ever seal.
        var tenantId = await fixture.NewTenantAsync();
        var domain = await fixture.Node.QueryAsync(db => db.TenantDomains.Where(d => d.TenantId == tenantId).Select(d => d.Domain).SingleAsync());
        await fixture.Node.AddUserAsync($"prober@{domain}", "password of prober 1");
        using var prober = await fixture.Node.SignInAsync($"prober@{domain}", "password of prober 1");
        var unknown = Guid.NewGuid();

        // Act
        using var response = await prober.GetAsync($"/api/external/v1/tenants/{unknown}/certificates");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking().SingleAsync(e => e.UserEmail == $"prober@{domain}"));
        Assert.Equal((UsageChains.Appliance, unknown, UsageResult.Failed), (entry.Chain, entry.TenantId!.Value, entry.Result));
        Assert.False(await fixture.Node.QueryAsync(db => db.UsageChainHeads.AnyAsync(h => h.Chain == UsageChains.Of(unknown))));
        Assert.Null((await fixture.VerifyAsync(UsageChains.Appliance)).Problem);
    }
}
