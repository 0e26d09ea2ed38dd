using Appliance.Web.Settings;
using Microsoft.AspNetCore.Authorization;

namespace Appliance.Web.Portal.Authorization;

/// <summary>While the security policy requires it, the portal cookie must come from a sign-in with the second factor.</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

public static class SecondFactor
{
    /// <summary>Identity's sign-in manager adds <c>amr=mfa</c> after a second factor and <c>amr=pwd</c> after a password alone.</summary>
    public const string AmrClaim = "amr";

    public const string MfaValue = "mfa";
}

/// <summary>
/// Fails with <see cref="Reason"/> when the policy is on and the cookie has no <c>amr=mfa</c>, so that
/// <see cref="PortalAuthorizationResultHandler"/> sends the person to enrol (or sign in again) instead of a bare 403.
/// Only policies that also require a role use it: the people it binds are the administrators of every kind.
/// </summary>
public sealed class SecondFactorHandler(SecurityPolicyStore policy) : AuthorizationHandler<SecondFactorRequirement>
{
    public const string Reason = "second-factor-required";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (context.User.HasClaim(SecondFactor.AmrClaim, SecondFactor.MfaValue)
            || !await policy.RequiresAdministratorTwoFactorAsync(CancellationToken.None))
        {
            context.Succeed(requirement);
            return;
        }

        context.Fail(new AuthorizationFailureReason(this, Reason));
    }
}
