using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Appliance.Web.Usage;

/// <summary>
/// Tells <see cref="UsageLoggingMiddleware"/> how authorisation ended, which the status alone cannot: the portal's
/// cookie answers both "sign in first" and "not allowed" with a redirect. A refusal of a signed-in caller is a usage
/// entry (denied, <c>forbidden</c>); a challenge of a caller who is not signed in is not (see the middleware).
/// </summary>
/// <param name="inner">The handler that answers (the portal's: second-factor enrolment, login and access-denied redirects).</param>
internal sealed class UsageAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    private const string ItemKey = "appliance.authorization-outcome";

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            context.Items[ItemKey] = AuthorizationOutcome.Forbidden;
        }
        else if (authorizeResult.Challenged)
        {
            context.Items[ItemKey] = AuthorizationOutcome.Challenged;
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }

    public static AuthorizationOutcome OutcomeOf(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is AuthorizationOutcome outcome ? outcome : AuthorizationOutcome.Passed;
}

internal enum AuthorizationOutcome
{
    Passed,
    Challenged,
    Forbidden,
}
