using System.Text.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Hsm;
using Microsoft.AspNetCore.Diagnostics;

namespace Appliance.Web.Errors;

/// <summary>Maps every exception that escapes an endpoint to a problem details answer.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = Classify(exception);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Path} failed with {Code}", httpContext.Request.Path, code);
        }
        else
        {
            logger.LogInformation("Request {Path} refused with {Code}: {Detail}", httpContext.Request.Path, code, detail);
        }

        httpContext.Response.StatusCode = status;
        var problem = ProblemFactory.Create(status, code, detail);
        if (exception is ApplianceProblemException { Extensions: { } extensions })
        {
            foreach (var (name, value) in extensions)
            {
                problem.Extensions[name] = value;
            }
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    internal static (int Status, string Code, string Detail) Classify(Exception exception) => exception switch
    {
        ApplianceProblemException p => (p.Status, p.Code, p.Message),
        HsmException { Code: HsmErrorCode.RegionNotServed } h =>
            (StatusCodes.Status421MisdirectedRequest, ProblemCodes.RegionNotServed, h.Message),
        // SECURITY: a wrapped key the tenant key cannot open means a forged or damaged licence; same answer as below.
        HsmException { Code: HsmErrorCode.UnwrapFailed } => (StatusCodes.Status400BadRequest, ProblemCodes.InvalidPublishingLicense,
            "The publishing licence is not valid for this appliance."),
        // SECURITY: HSM failures can involve key material; the caller learns only that the HSM failed,
        // the details (return value, key id) go to the server log above.
        HsmException => (StatusCodes.Status503ServiceUnavailable, ProblemCodes.HsmUnavailable,
            "The hardware security module could not complete the operation."),
        // SECURITY: one generic answer for every licence that fails signature or decryption checks.
        LicenseException => (StatusCodes.Status400BadRequest, ProblemCodes.InvalidPublishingLicense,
            "The publishing licence is not valid for this appliance."),
        // The framework's own refusals of a request (a body it could not read or bind, a size limit) keep their status;
        // the JSON path names the member at fault, never its value.
        BadHttpRequestException { InnerException: JsonException { Path: { Length: > 0 } path } } b =>
            (b.StatusCode, StatusProblemCodes.For(b.StatusCode), $"The request body could not be read: the JSON at {path} is not of the expected type or form."),
        BadHttpRequestException { InnerException: JsonException } b =>
            (b.StatusCode, StatusProblemCodes.For(b.StatusCode), "The request body is not valid JSON."),
        // The framework's words for a body that is absent or the JSON literal null (it infers the body from the handler).
        BadHttpRequestException b when b.StatusCode == StatusCodes.Status400BadRequest && b.InnerException is null
            && (b.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || b.Message.Contains("was not provided from body", StringComparison.Ordinal)) =>
            (b.StatusCode, ProblemCodes.ValidationFailed, "The request needs a JSON body."),
        BadHttpRequestException b => (b.StatusCode, StatusProblemCodes.For(b.StatusCode), b.Message),
        _ => (StatusCodes.Status500InternalServerError, ProblemCodes.Internal, "The appliance failed to process the request."),
    };
}
