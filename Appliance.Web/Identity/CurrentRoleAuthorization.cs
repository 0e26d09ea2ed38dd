using Appliance.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

/// <summary>The caller must hold at least one of <see cref="Roles"/>, as they stand now.</summary>
public sealed class CurrentRoleRequirement(params string[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// Checks a role requirement against the roles a caller holds now, not those frozen into the token.
/// <para>
/// Bound: for a user (subject = the user's id) the roles are read from the database on every request,
/// so granting or removing a role applies from the next request made with any existing access token;
/// a deleted user holds nothing. For a service principal (client-credentials token, subject = its
/// <c>svc-…</c> client id) the role claims of the token are used: they were read from the OpenIddict
/// application at issue, so a change there applies when the service next asks for a token, at the latest
/// when its 30-minute access token expires.
/// </para>
/// </summary>
public sealed class CurrentRoleHandler(ApplianceDbContext db) : AuthorizationHandler<CurrentRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentRoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.User.FindFirst(Claims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return;
        }

        // Only the token endpoint sets subjects: a user's id (a GUID) or a service's client id, which
        // always starts with "svc-" and so never parses as one.
        IEnumerable<string> held;
        if (Guid.TryParse(subject, out var userId))
        {
            held = await (from userRole in db.UserRoles
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where userRole.UserId == userId
                          select role.Name).ToListAsync();
        }
        else
        {
            held = context.User.FindAll(Claims.Role).Select(c => c.Value);
        }

        if (held.Any(requirement.Roles.Contains))
        {
            context.Succeed(requirement);
        }
    }
}
