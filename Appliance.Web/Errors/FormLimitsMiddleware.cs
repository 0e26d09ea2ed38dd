using System.Text.Encodings.Web;
using Appliance.Crypto.Protocol;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Appliance.Web.Errors;

/// <summary>
/// Reads every posted form once, ahead of authentication (where OpenIddict reads the OAuth endpoints' forms),
/// antiforgery and the endpoints, with ASP.NET Core's <see cref="FormOptions"/> limits. A form over a limit, or one
/// that cannot be parsed, is refused here as malformed input instead of escaping as an exception (a 500) from
/// whichever component read it first; everything after this reads the form already parsed.
/// </summary>
internal sealed class FormLimitsMiddleware(
    RequestDelegate next,
    IOptions<FormOptions> formOptions,
    IOptionsMonitor<OpenIddictServerOptions> oauth,
    ILogger<FormLimitsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The JSON APIs read no forms: a form posted there is refused by the endpoint (415) and logged as usage.
        if (context.Request.HasFormContentType && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && await ReadAsync(context) is { } refusal)
        {
            // SECURITY: the endpoint and the limit only; never the form's keys or values (a password, a secret).
            logger.LogWarning("Refused the form posted to {Endpoint}: {Limit}", context.Request.Path.Value, refusal.Limit);
            await WriteAsync(context, refusal);
            return;
        }

        await next(context);
    }

    private async Task<FormRefusal?> ReadAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
            return null;
        }
        catch (InvalidDataException ex)
        {
            return FormRefusal.From(ex, formOptions.Value);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new FormRefusal(StatusCodes.Status413PayloadTooLarge, ProblemCodes.RequestTooLarge, "MaxRequestBodySize exceeded",
                "The request body is larger than the appliance accepts.");
        }
    }

    private async Task WriteAsync(HttpContext context, FormRefusal refusal)
    {
        var response = context.Response;
        response.StatusCode = refusal.Status;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        var problem = ProblemFactory.Create(refusal.Status, refusal.Code, refusal.Detail);
        if (IsOAuthEndpoint(context.Request.Path))
        {
            // Read by OAuth clients (error, error_description; RFC 6749 §5.2 says application/json) and by rms and
            // problem readers (code, type, detail) alike.
            problem.Extensions["error"] = "invalid_request";
            problem.Extensions["error_description"] = refusal.Detail;
            await response.WriteAsJsonAsync(problem, options: null, contentType: "application/json", context.RequestAborted);
        }
        else
        {
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(Page(refusal.Detail), context.RequestAborted);
        }
    }

    /// <summary>The endpoints that machines post forms to; the others (verification, sign-in pages) are for people.</summary>
    private bool IsOAuthEndpoint(PathString path)
    {
        var options = oauth.CurrentValue;
        return options.TokenEndpointUris.Concat(options.DeviceAuthorizationEndpointUris).Concat(options.IntrospectionEndpointUris)
            .Concat(options.RevocationEndpointUris).Concat(options.PushedAuthorizationEndpointUris)
            .Any(uri => path.Equals("/" + (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).Trim('/'), StringComparison.OrdinalIgnoreCase));
    }

    private static string Page(string detail) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <link rel="stylesheet" href="/app.css" />
            <title>Form refused · Rights Management Appliance</title>
        </head>
        <body>
            <header class="topbar"><a class="brand" href="/">Rights Management Appliance</a></header>
            <main class="content">
                <section class="card">
                    <h1>The form could not be sent</h1>
                    <p class="error" role="alert" data-testid="form-refused">{{HtmlEncoder.Default.Encode(detail)}}</p>
                    <p>Go back, reload the page and try again.</p>
                </section>
            </main>
        </body>
        </html>
        """;

    /// <summary>What was wrong with a form: the answer's status, code and sentence, and the limit for the log.</summary>
    private sealed record FormRefusal(int Status, string Code, string Limit, string Detail)
    {
        public static FormRefusal From(InvalidDataException exception, FormOptions limits)
        {
            // The framework says which limit only in its message ("Form value count limit 1024 exceeded."), whose
            // text holds the limit and never the form's content; an unknown message is a malformed form.
            var message = exception.Message;
            return message switch
            {
                _ when message.StartsWith("Form value count limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.ValueCountLimit), $"The form has more than {limits.ValueCountLimit} fields."),
                _ when message.StartsWith("Form key length limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.KeyLengthLimit), $"A form field name is longer than {limits.KeyLengthLimit} characters."),
                _ when message.StartsWith("Form value length limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.ValueLengthLimit), $"A form value is longer than {limits.ValueLengthLimit} bytes."),
                _ when message.StartsWith("Form key or value length limit", StringComparison.Ordinal) =>
                    Exceeded($"{nameof(FormOptions.KeyLengthLimit)} or {nameof(FormOptions.ValueLengthLimit)}", "A form field name or value is too long."),
                _ when message.StartsWith("Multipart body length limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.MultipartBodyLengthLimit), $"A part of the form is larger than {limits.MultipartBodyLengthLimit} bytes."),
                _ when message.StartsWith("Multipart headers count limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.MultipartHeadersCountLimit), "A part of the form has too many headers."),
                _ when message.StartsWith("Multipart headers length limit", StringComparison.Ordinal)
                    || message.StartsWith("Line length limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.MultipartHeadersLengthLimit), "A part of the form has headers that are too long."),
                _ when message.StartsWith("Multipart boundary length limit", StringComparison.Ordinal) =>
                    Exceeded(nameof(FormOptions.MultipartBoundaryLengthLimit), "The form's multipart boundary is too long."),
                _ => new(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "none (the form is malformed)", "The form could not be read."),
            };
        }

        private static FormRefusal Exceeded(string limit, string detail) =>
            new(StatusCodes.Status400BadRequest, ProblemCodes.FormLimitExceeded, limit + " exceeded", detail);
    }
}

public static class FormLimitsApplicationBuilderExtensions
{
    /// <summary>Ahead of authentication: OpenIddict reads the token and device endpoints' forms there.</summary>
    public static IApplicationBuilder UseFormLimits(this IApplicationBuilder app) => app.UseMiddleware<FormLimitsMiddleware>();
}
