using System.Security.Claims;
using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Identity;

/// <summary>
/// The authenticated caller, taken from the validated token only — never from the request body.
/// </summary>
public sealed record Caller(Guid UserId, string? Email)
{
    public static Caller From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(Claims.Subject)?.Value;
        if (!Guid.TryParse(subject, out var userId))
        {
            throw new ApplianceProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated,
                "The access token does not identify a user.");
        }

        return new Caller(userId, principal.FindFirst(Claims.Email)?.Value);
    }
}
