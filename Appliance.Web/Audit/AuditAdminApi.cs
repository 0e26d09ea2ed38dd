using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Audit;

/// <summary>
/// The usage log's chains: list them, verify them (what <c>rms admin audit verify</c> calls) and seal them on demand.
/// Auditors may do all of it for the organisations the role is held for: none of it changes what the log says. The
/// appliance's own chain concerns no organisation, so only administrators reach it.
/// </summary>
public static class AuditAdminApi
{
    public static RouteGroupBuilder MapAuditAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit/chains", ListChainsAsync).WithName("ListUsageChains").RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapPost("/audit/verify", VerifyAsync).WithName("VerifyUsageLog")
            .LogsUsage(UsageRequestTypes.Admin, "VerifyUsageLog").RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapGet("/audit/chains/{chain}/checkpoints", ListCheckpointsAsync).WithName("ListUsageCheckpoints")
            .RequireAuthorization(AppliancePolicies.UsageRead);
        admin.MapPost("/audit/chains/{chain}/checkpoints", CreateCheckpointAsync).WithName("CreateUsageCheckpoint")
            .LogsUsage(UsageRequestTypes.Admin, "CreateUsageCheckpoint").RequireAuthorization(AppliancePolicies.UsageRead);
        return admin;
    }

    private static async Task<Ok<List<UsageChainSummary>>> ListChainsAsync(
        UsageAuditOverview overview, OrganisationScope scope, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await overview.ChainsAsync(await scope.ReachAsync(user, ApplianceRoles.Auditor, ct), ct));

    /// <param name="chain">One chain ("appliance" or an organisation's id); all of those the caller reaches when omitted.</param>
    private static async Task<Ok<AuditVerificationResponse>> VerifyAsync(
        UsageAuditOverview overview, OrganisationScope scope, HttpContext http, CancellationToken ct, string? chain = null)
    {
        var record = UsageLoggingFilter.Current(http);
        var one = chain is null ? null : UsageChainNames.Parse(chain);
        var reach = await ReachChainAsync(scope, http.User, one, ct);
        record.TenantId = one is null ? null : UsageChainNames.TenantOf(one);
        var response = await overview.VerifyAsync(one, reach, ct);
        record.AdminAction = UsageAuditOverview.Describe(response);
        return TypedResults.Ok(response);
    }

    private static async Task<Ok<List<UsageCheckpointSummary>>> ListCheckpointsAsync(
        string chain, UsageCheckpoints checkpoints, OrganisationScope scope, ClaimsPrincipal user, CancellationToken ct)
    {
        var name = UsageChainNames.Parse(chain);
        await ReachChainAsync(scope, user, name, ct);
        return TypedResults.Ok((await checkpoints.ListAsync(name, ct)).Select(Summary).ToList());
    }

    private static async Task<Created<UsageCheckpointSummary>> CreateCheckpointAsync(
        string chain, UsageCheckpoints checkpoints, OrganisationScope scope, HttpContext http, CancellationToken ct)
    {
        var name = UsageChainNames.Parse(chain);
        await ReachChainAsync(scope, http.User, name, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = UsageChainNames.TenantOf(name);
        var checkpoint = await checkpoints.AddAsync(name, UsageCheckpointKind.OnDemand, ct);
        record.AdminAction = $"CreateUsageCheckpoint at {checkpoint.Sequence}";
        // Saved with this request's usage entry by the filter, so the id is known only after the response is built:
        // the location names the chain's checkpoint list.
        return TypedResults.Created($"/api/admin/v1/audit/chains/{name}/checkpoints", Summary(checkpoint));
    }

    /// <summary>What the caller reaches as an auditor; a chain named out of it is <c>403 forbidden</c>.</summary>
    private static async Task<TenantReach> ReachChainAsync(OrganisationScope scope, ClaimsPrincipal user, string? chain, CancellationToken ct)
    {
        var reach = await scope.ReachAsync(user, ApplianceRoles.Auditor, ct);
        if (chain is not null)
        {
            await scope.RequireAsync(reach, UsageChainNames.TenantOf(chain), ct);
        }

        return reach;
    }

    private static UsageCheckpointSummary Summary(UsageCheckpoint c) => new(
        c.Id, c.Chain, c.Sequence, Convert.ToHexStringLower(c.HeadHash), c.Kind.ToString(), c.CreatedAt, c.SignerTenantId, c.KeyId, c.Algorithm);
}
