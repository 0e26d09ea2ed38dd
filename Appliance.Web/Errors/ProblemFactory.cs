using Appliance.Crypto.Protocol;
using Microsoft.AspNetCore.Mvc;

namespace Appliance.Web.Errors;

internal static class ProblemFactory
{
    public static ProblemDetails Create(int status, string code, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemCodes.TypePrefix + code,
            Title = TitleFor(code),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static IResult Result(int status, string code, string detail) =>
        TypedResults.Problem(Create(status, code, detail));

    internal static string TitleFor(string code) => code switch
    {
        ProblemCodes.ValidationFailed => "The request is not valid.",
        ProblemCodes.Unauthenticated => "Authentication is required.",
        ProblemCodes.Forbidden => "The caller may not do this.",
        ProblemCodes.AccessDenied => "Access to the content was refused.",
        ProblemCodes.RegionNotServed => "The tenant's region is not served by this node.",
        ProblemCodes.HsmUnavailable => "The HSM is unavailable.",
        ProblemCodes.UsageLogUnavailable => "The usage log is unavailable.",
        ProblemCodes.RequestTooLarge => "The request body is too large.",
        ProblemCodes.UnsupportedMediaType => "The request body's media type is not supported.",
        ProblemCodes.FormLimitExceeded => "The form is over a size limit.",
        _ => code.Replace('-', ' '),
    };
}
