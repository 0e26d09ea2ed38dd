using Appliance.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Appliance.Web.Portal.Authorization;

/// <summary>
/// A person who holds the role but lacks the second factor the policy requires is sent to enrol it, with the
/// page they wanted as <c>returnUrl</c>; every other outcome is the framework's (login redirect, access denied).
/// </summary>
public sealed class PortalAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailureReasons.Any(r => r.Message == SecondFactorHandler.Reason)
            && !failure.FailedRequirements.OfType<CurrentRoleRequirement>().Any())
        {
            var wanted = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(PortalPaths.WithReturnUrl(PortalPaths.TwoFactor, wanted));
            return Task.CompletedTask;
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
