using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>
/// The chains with their heads and last checkpoints, and their verification, as the admin API and the portal show them:
/// those of the organisations the caller reaches, and the appliance's own for administrators only.
/// </summary>
public sealed class UsageAuditOverview(ApplianceDbContext db, UsageChainVerification verification)
{
    public async Task<List<UsageChainSummary>> ChainsAsync(TenantReach reach, CancellationToken ct)
    {
        var heads = await Reachable(db.UsageChainHeads.AsNoTracking(), reach)
            .Select(h => new
            {
                h.Chain,
                h.Sequence,
                Last = db.UsageCheckpoints.Where(c => c.Chain == h.Chain).OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id)
                    .Select(c => new { c.Sequence, c.CreatedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var names = await OrganisationNamesAsync(ct);
        return [.. heads
            .Select(h => new UsageChainSummary(h.Chain, UsageChainNames.TenantOf(h.Chain), NameOf(names, h.Chain), h.Sequence, h.Last?.Sequence, h.Last?.CreatedAt))
            .OrderBy(s => s.TenantId is null ? 0 : 1).ThenBy(s => s.Organisation, StringComparer.OrdinalIgnoreCase)];
    }

    /// <param name="chain">
    /// One chain, as <see cref="UsageChainNames.Parse"/> gives it, that the caller reaches (<see cref="OrganisationScope.RequireAsync(TenantReach, Guid?, CancellationToken)"/>
    /// checks); every chain <paramref name="reach"/> covers when null.
    /// </param>
    public async Task<AuditVerificationResponse> VerifyAsync(string? chain, TenantReach reach, CancellationToken ct)
    {
        var chains = chain is not null ? [chain] : await Reachable(db.UsageChainHeads.AsNoTracking(), reach).Select(h => h.Chain).ToListAsync(ct);
        var names = await OrganisationNamesAsync(ct);
        var results = new List<AuditChainVerification>();
        foreach (var name in chains.Order(StringComparer.Ordinal))
        {
            results.Add(AuditChainVerification.From(await verification.VerifyAsync(name, through: null, ct), NameOf(names, name)));
        }

        return new AuditVerificationResponse(results.TrueForAll(r => r.Problem is null), results);
    }

    /// <summary>What a verification's usage entry says about it.</summary>
    public static string Describe(AuditVerificationResponse response) => response.Intact
        ? $"VerifyUsageLog {response.Chains.Count} chain(s) intact"
        : $"VerifyUsageLog {response.Chains.Count(r => r.Problem is not null)} of {response.Chains.Count} chain(s) broken";

    private static IQueryable<UsageChainHead> Reachable(IQueryable<UsageChainHead> heads, TenantReach reach)
    {
        if (reach.All)
        {
            return heads;
        }

        var chains = reach.Tenants.Select(id => UsageChains.Of(id)).ToList();
        return heads.Where(h => chains.Contains(h.Chain));
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(CancellationToken ct) =>
        await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

    private static string? NameOf(Dictionary<Guid, string> names, string chain) =>
        UsageChainNames.TenantOf(chain) is { } id && names.TryGetValue(id, out var name) ? name
        : chain == UsageChains.Appliance ? "(appliance)" : null;
}
