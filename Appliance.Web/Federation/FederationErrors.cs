namespace Appliance.Web.Federation;

/// <summary>
/// Stable codes for a refused external sign-in: the portal lands on <c>/account/login?error=CODE</c>,
/// the token endpoint answers <c>invalid_grant</c> with the matching sentence.
/// </summary>
public static class FederationErrors
{
    public const string UnknownProvider = "external-provider-unknown";
    public const string Failed = "external-sign-in-failed";
    public const string NoEmail = "external-no-email";
    public const string DomainNotAllowed = "external-domain-not-allowed";
    public const string UnknownUser = "external-user-unknown";
    public const string Locked = "external-account-locked";
    public const string AccountMismatch = "external-account-mismatch";
    public const string InvalidToken = "external-token-invalid";

    public static string LoginPath(string code) => "/account/login?error=" + Uri.EscapeDataString(code);
}
