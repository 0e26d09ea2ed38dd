using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Audit;

/// <summary>
/// The usage log's chains: list them, verify them (what <c>rms admin audit verify</c> calls) and seal them on demand.
/// Auditors may do all of it: none of it changes what the log says.
/// </summary>
public static class AuditAdminApi
{
    public static RouteGroupBuilder MapAuditAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit/chains", ListChainsAsync).WithName("ListUsageChains").RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapPost("/audit/verify", VerifyAsync).WithName("VerifyUsageLog")
            .LogsUsage("Admin", "VerifyUsageLog").RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapGet("/audit/chains/{chain}/checkpoints", ListCheckpointsAsync).WithName("ListUsageCheckpoints")
            .RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapPost("/audit/chains/{chain}/checkpoints", CreateCheckpointAsync).WithName("CreateUsageCheckpoint")
            .LogsUsage("Admin", "CreateUsageCheckpoint").RequireAuthorization(AppliancePolicies.UsageRead);
        return admin;
    }

    private static async Task<Ok<List<UsageChainSummary>>> ListChainsAsync(ApplianceDbContext db, CancellationToken ct)
    {
        var heads = await db.UsageChainHeads.AsNoTracking()
            .Select(h => new
            {
                h.Chain,
                h.Sequence,
                Last = db.UsageCheckpoints.Where(c => c.Chain == h.Chain).OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id)
                    .Select(c => new { c.Sequence, c.CreatedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var names = await OrganisationNamesAsync(db, ct);
        return TypedResults.Ok(heads
            .Select(h => new UsageChainSummary(h.Chain, UsageChainNames.TenantOf(h.Chain), NameOf(names, h.Chain), h.Sequence, h.Last?.Sequence, h.Last?.CreatedAt))
            .OrderBy(s => s.TenantId is null ? 0 : 1).ThenBy(s => s.Organisation, StringComparer.OrdinalIgnoreCase)
            .ToList());
    }

    /// <param name="chain">One chain ("appliance" or an organisation's id); all of them when omitted.</param>
    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(
        UsageChainVerification verification, ApplianceDbContext db, HttpContext http, CancellationToken ct, string? chain = null)
    {
        var record = UsageLoggingFilter.Current(http);
        List<string> chains;
        if (chain is not null)
        {
            var one = UsageChainNames.Parse(chain);
            record.TenantId = UsageChainNames.TenantOf(one);
            chains = [one];
        }
        else
        {
            chains = await db.UsageChainHeads.AsNoTracking().Select(h => h.Chain).ToListAsync(ct);
        }

        var names = await OrganisationNamesAsync(db, ct);
        var results = new List<AuditChainVerification>();
        foreach (var name in chains.Order(StringComparer.Ordinal))
        {
            results.Add(AuditChainVerification.From(await verification.VerifyAsync(name, through: null, ct), NameOf(names, name)));
        }

        var intact = results.TrueForAll(r => r.Problem is null);
        record.AdminAction = intact
            ? $"VerifyUsageLog {results.Count} chain(s) intact"
            : $"VerifyUsageLog {results.Count(r => r.Problem is not null)} of {results.Count} chain(s) broken";
        return TypedResults.Ok(new AuditVerificationResponse(intact, results));
    }

    private static async Task<Ok<List<UsageCheckpointSummary>>> ListCheckpointsAsync(string chain, UsageCheckpoints checkpoints, CancellationToken ct) =>
        TypedResults.Ok((await checkpoints.ListAsync(UsageChainNames.Parse(chain), ct)).Select(Summary).ToList());

    private static async Task<Created<UsageCheckpointSummary>> CreateCheckpointAsync(
        string chain, UsageCheckpoints checkpoints, HttpContext http, CancellationToken ct)
    {
        var name = UsageChainNames.Parse(chain);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = UsageChainNames.TenantOf(name);
        var checkpoint = await checkpoints.AddAsync(name, UsageCheckpointKind.OnDemand, ct);
        record.AdminAction = $"CreateUsageCheckpoint at {checkpoint.Sequence}";
        // Saved with this request's usage entry by the filter, so the id is known only after the response is built:
        // the location names the chain's checkpoint list.
        return TypedResults.Created($"/api/admin/v1/audit/chains/{name}/checkpoints", Summary(checkpoint));
    }

    private static UsageCheckpointSummary Summary(UsageCheckpoint c) => new(
        c.Id, c.Chain, c.Sequence, Convert.ToHexStringLower(c.HeadHash), c.Kind.ToString(), c.CreatedAt, c.SignerTenantId, c.KeyId, c.Algorithm);

    private static async Task<Dictionary<Guid, string>> OrganisationNamesAsync(ApplianceDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

    private static string? NameOf(Dictionary<Guid, string> names, string chain) =>
        UsageChainNames.TenantOf(chain) is { } id && names.TryGetValue(id, out var name) ? name
        : chain == UsageChains.Appliance ? "(appliance)" : null;
}
