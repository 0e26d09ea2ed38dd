using Appliance.Crypto.Protocol;

namespace Appliance.Web.Errors;

/// <summary>
/// The problem code of an answer that only has a status: one the framework chose (a body it could not bind, a size
/// limit, a media type, an authorisation challenge) or a result a handler returned without a code. The same table
/// names the code in the problem body and in the usage entry, so the two always agree.
/// </summary>
public static class StatusProblemCodes
{
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ProblemCodes.ValidationFailed,
        StatusCodes.Status401Unauthorized => ProblemCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
        StatusCodes.Status404NotFound => ProblemCodes.NotFound,
        StatusCodes.Status409Conflict => ProblemCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ProblemCodes.RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemCodes.TooManyRequests,
        >= 400 and < 500 => ProblemCodes.RequestRefused,
        _ => ProblemCodes.Internal,
    };

    /// <summary>The sentence of a problem that only has its status and code.</summary>
    public static string? DetailFor(string code) => code switch
    {
        ProblemCodes.Unauthenticated => "Sign in first: the request carries no valid access token.",
        ProblemCodes.Forbidden => "Your account is not allowed to do this.",
        ProblemCodes.NotFound => "There is nothing at this address.",
        ProblemCodes.RequestTooLarge => "The request body is larger than this endpoint accepts.",
        ProblemCodes.UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ => null,
    };
}
