namespace Appliance.Crypto.Protocol;

/// <summary>
/// The stable error codes carried in every problem details answer (<c>code</c> extension, and the
/// last segment of <c>type</c>). Clients branch on these, never on the human-readable text.
/// </summary>
public static class ProblemCodes
{
    public const string TypePrefix = "urn:rms-appliance:error:";

    public const string ValidationFailed = "validation-failed";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
    public const string TenantNotActivated = "tenant-not-activated";
    public const string TenantAlreadyExists = "tenant-already-exists";
    public const string DomainInUse = "domain-in-use";
    public const string UnknownDomain = "unknown-domain";
    public const string RegionNotServed = "region-not-served";
    public const string UserExists = "user-exists";
    public const string NotBootstrapped = "not-bootstrapped";
    public const string InvalidPublishingLicense = "invalid-publishing-license";
    public const string ContentNotRegistered = "content-not-registered";
    public const string ContentExpired = "content-expired";
    public const string ContentRevoked = "content-revoked";
    public const string AccessDenied = "access-denied";
    public const string HsmUnavailable = "hsm-unavailable";
    public const string UsageLogUnavailable = "usage-log-unavailable";
    public const string InvalidUsageFilter = "invalid-usage-filter";
    public const string DirectoryUnavailable = "directory-unavailable";
    public const string ExternalUser = "external-user";
    public const string OrganisationAddress = "organisation-address";
    public const string TooManyRequests = "too-many-requests";
    public const string MailNotConfigured = "mail-not-configured";
    public const string MailUnavailable = "mail-unavailable";
    public const string TemplateNotFound = "template-not-found";
    public const string TemplateArchived = "template-archived";
    public const string TemplateMismatch = "template-mismatch";
    public const string TemplateInUse = "template-in-use";
    public const string TemplateLimitReached = "template-limit-reached";
    public const string AuditChainNotFound = "audit-chain-not-found";

    /// <summary>A checkpoint needs a tenant signing key this node can use, and there is none.</summary>
    public const string AuditSignerUnavailable = "audit-signer-unavailable";

    /// <summary>Retention refuses to purge (and so to vouch for) entries that no longer verify.</summary>
    public const string AuditChainBroken = "audit-chain-broken";

    /// <summary>The request body is larger than the endpoint accepts (413).</summary>
    public const string RequestTooLarge = "request-too-large";

    /// <summary>The request body's media type is not the one the endpoint reads (415).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>Any other refusal of the request as such (a 4xx status without a code of its own).</summary>
    public const string RequestRefused = "request-refused";

    /// <summary>A posted form is over a size limit (a value, a field name, the number of fields); the request is refused before any use.</summary>
    public const string FormLimitExceeded = "form-limit-exceeded";

    public const string Internal = "internal-error";
}
