namespace Appliance.Crypto.Protocol;

// Sign-in of external recipients: people outside every organisation who were granted rights by
// their e-mail address (docs/protocol.md, "External recipients").

/// <summary>The token endpoint's grant for a one-time code sent by e-mail, and its parameters.</summary>
public static class EmailCodeGrant
{
    public const string GrantType = "urn:rms:params:oauth:grant-type:email-code";
    public const string EmailParameter = "email";
    public const string CodeParameter = "code";
}

/// <summary>Body of <c>POST /api/external/v1/codes</c>.</summary>
public sealed record EmailCodeRequest(string Email);

/// <summary>Answer (202) to <c>POST /api/external/v1/codes</c>: a code is on its way to <see cref="Email"/>.</summary>
public sealed record EmailCodeSent(string Email, DateTimeOffset ExpiresAt, int ResendAfterSeconds);

/// <summary>Answer to <c>GET /api/external/v1/tenants/{id}/certificates</c>: the public certificates that verify its use licences.</summary>
public sealed record TenantCertificatesResponse(Guid TenantId, IReadOnlyList<string> TenantCertificates);
