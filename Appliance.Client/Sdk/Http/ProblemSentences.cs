using System.Net;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Sdk.Http;

/// <summary>
/// One sentence per error code, used when the appliance's answer carries no <c>detail</c>, and the code
/// implied by a bare HTTP status when it carries no <c>code</c> either.
/// </summary>
internal static class ProblemSentences
{
    public static string For(string code, HttpStatusCode status) => code switch
    {
        ProblemCodes.ValidationFailed => "the appliance rejected the request as invalid",
        ProblemCodes.Unauthenticated => "you are not signed in or your session has expired; run rms login",
        ProblemCodes.Forbidden => "you are not allowed to do this",
        ProblemCodes.NotFound => "the appliance does not know what was asked for",
        ProblemCodes.Conflict => "the request conflicts with the appliance's current state",
        ProblemCodes.TenantNotActivated => "your organisation has not been activated on the appliance",
        ProblemCodes.TenantAlreadyExists => "this organisation is already activated",
        ProblemCodes.DomainInUse => "one of these domains already belongs to another organisation",
        ProblemCodes.UnknownDomain => "no activated organisation owns this e-mail domain",
        ProblemCodes.RegionNotServed => "the appliance does not serve this region",
        ProblemCodes.UserExists => "a user with this e-mail address already exists",
        ProblemCodes.NotBootstrapped => "you have no user keys on the appliance yet; run rms login again",
        ProblemCodes.InvalidPublishingLicense => "the document's publishing licence is invalid",
        ProblemCodes.ContentNotRegistered => "this document's publishing licence is not registered with the appliance",
        ProblemCodes.RequestTooLarge => "the request was too large for the appliance",
        ProblemCodes.UnsupportedMediaType => "the appliance did not accept the request's format",
        ProblemCodes.ContentExpired => "this document has expired; only its owner can still open it",
        ProblemCodes.ContentRevoked => "this document was revoked; only its owner can still open it",
        ProblemCodes.AccessDenied => "you have no rights to this document",
        ProblemCodes.HsmUnavailable => "the appliance's key store is unavailable; try again later",
        ProblemCodes.UsageLogUnavailable => "the appliance cannot record usage right now; try again later",
        ProblemCodes.ExternalUser => "external recipients can open documents shared with them but cannot protect",
        ProblemCodes.OrganisationAddress => "this address belongs to an organisation on the appliance; sign in with your organisation account instead",
        ProblemCodes.TooManyRequests => "too many requests; wait a minute and try again",
        ProblemCodes.MailNotConfigured => "the appliance has no mail server configured, so it cannot send sign-in codes; ask its administrator",
        ProblemCodes.MailUnavailable => "the appliance's mail server did not accept the message, so no code was sent; try again later",
        ProblemCodes.TemplateNotFound => "that template is not available to you",
        ProblemCodes.TemplateArchived => "that template is archived: it opens existing content but cannot protect new content",
        ProblemCodes.TemplateMismatch => "the policy does not match its template; fetch the templates again",
        ProblemCodes.TemplateInUse => "content was protected with this template, so it cannot be deleted; archive it instead",
        ProblemCodes.TemplateLimitReached => "the organisation has as many templates as it may have",
        ProblemCodes.Internal => "the appliance failed to process the request",
        _ => ForStatus(status),
    };

    /// <summary>"the appliance answered 502 Bad Gateway".</summary>
    public static string ForStatus(HttpStatusCode status)
    {
        var name = status.ToString();
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(c);
        }

        return $"the appliance answered {(int)status} {words}";
    }

    public static string CodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => ProblemCodes.ValidationFailed,
        HttpStatusCode.Unauthorized => ProblemCodes.Unauthenticated,
        HttpStatusCode.Forbidden => ProblemCodes.Forbidden,
        HttpStatusCode.NotFound => ProblemCodes.NotFound,
        HttpStatusCode.Conflict => ProblemCodes.Conflict,
        _ => ProblemCodes.Internal,
    };

    /// <summary>Maps an OAuth 2.0 error (RFC 6749 section 5.2) to the appliance's codes.</summary>
    public static string CodeForOAuthError(string error, HttpStatusCode status) => error switch
    {
        "invalid_grant" or "invalid_client" or "unauthorized_client" or "invalid_token" => ProblemCodes.Unauthenticated,
        "access_denied" => ProblemCodes.Forbidden,
        "invalid_request" or "invalid_scope" or "unsupported_grant_type" => ProblemCodes.ValidationFailed,
        _ => CodeFor(status),
    };
}
