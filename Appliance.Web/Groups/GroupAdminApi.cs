using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Appliance.Web.Groups;

/// <summary>Changes are saved by the usage filter together with their admin log entry.</summary>
public static class GroupAdminApi
{
    public static RouteGroupBuilder MapGroupAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapPost("/groups", CreateAsync).WithName("CreateGroup").LogsUsage(UsageRequestTypes.Admin, "CreateGroup").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/groups", ListAsync).WithName("ListGroups").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapGet("/groups/{group}/members", ListMembersAsync).WithName("ListGroupMembers").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapPost("/groups/{group}/members", AddMemberAsync).WithName("AddGroupMember").LogsUsage(UsageRequestTypes.Admin, "AddGroupMember").RequireAuthorization(AppliancePolicies.AdminApi);
        admin.MapDelete("/groups/{group}/members/{member}", RemoveMemberAsync).WithName("RemoveGroupMember").LogsUsage(UsageRequestTypes.Admin, "RemoveGroupMember").RequireAuthorization(AppliancePolicies.AdminApi);
        return admin;
    }

    private static async Task<Created<GroupSummary>> CreateAsync(CreateGroupRequest request, GroupAdministration groups, HttpContext http, CancellationToken ct)
    {
        var group = await groups.CreateAsync(request, ct);
        var record = UsageLoggingFilter.Current(http);
        record.TenantId = group.TenantId;
        record.AdminAction = $"CreateGroup {group.Email}";
        return TypedResults.Created($"/api/admin/v1/groups/{group.Email}", group);
    }

    private static async Task<Ok<List<GroupSummary>>> ListAsync(GroupAdministration groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.ListAsync(ct));

    private static async Task<Ok<List<GroupMemberSummary>>> ListMembersAsync(string group, GroupAdministration groups, CancellationToken ct) =>
        TypedResults.Ok(await groups.ListMembersAsync(group, ct));

    private static async Task<NoContent> AddMemberAsync(string group, AddMemberRequest request, GroupAdministration groups, HttpContext http, CancellationToken ct)
    {
        await groups.AddMemberAsync(group, request.Member, ct);
        UsageLoggingFilter.Current(http).AdminAction = $"AddGroupMember {request.Member} to {group}";
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveMemberAsync(string group, string member, GroupAdministration groups, HttpContext http, CancellationToken ct)
    {
        await groups.RemoveMemberAsync(group, member, ct);
        UsageLoggingFilter.Current(http).AdminAction = $"RemoveGroupMember {member} from {group}";
        return TypedResults.NoContent();
    }
}
