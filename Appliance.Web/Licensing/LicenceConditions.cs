using System.Globalization;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Documents;
using Appliance.Web.Errors;

namespace Appliance.Web.Licensing;

/// <summary>
/// What stops a licence beyond the policy's grants: the document's revocation and its expiry. Both are read from the
/// registry row and the policy of the request being served, never from a cache, so a revocation stops the next
/// licence on every node at once.
/// </summary>
public static class LicenceConditions
{
    /// <summary>
    /// Whether <paramref name="callerEmail"/> gets a licence despite revocation: only the owner. Every exemption is
    /// decided here, so that they live in one place.
    /// </summary>
    public static bool IsExempt(ProtectionPolicy policy, string callerEmail) =>
        string.Equals(policy.Owner, callerEmail, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the expiry does not bind the caller: the owner, and a super user (eDiscovery of old content).</summary>
    public static bool IsExemptFromExpiry(ProtectionPolicy policy, string callerEmail, bool superUser) =>
        superUser || IsExempt(policy, callerEmail);

    /// <summary>Refuses with <c>content-revoked</c> or <c>content-expired</c> unless the caller is exempt.</summary>
    /// <remarks>
    /// Called after the rights check, so that someone the policy grants nothing learns nothing of who revoked it.
    /// Revocation is named first: it is a person's decision, expiry only the policy's.
    /// </remarks>
    public static void Enforce(ProtectedDocument document, ProtectionPolicy policy, string callerEmail, DateTimeOffset now, bool superUser = false)
    {
        if (IsExempt(policy, callerEmail))
        {
            return;
        }

        if (document.RevokedAt is { } revokedAt)
        {
            throw new ApplianceProblemException(StatusCodes.Status403Forbidden, ProblemCodes.ContentRevoked,
                $"The document was revoked by {document.RevokedBy ?? "an administrator"} on {Instant(revokedAt)}.");
        }

        if (policy.ExpiresAt is { } expires && expires <= now && !superUser)
        {
            throw new ApplianceProblemException(StatusCodes.Status403Forbidden, ProblemCodes.ContentExpired,
                $"The document expired on {Instant(expires)}; only its owner can still open it.");
        }
    }

    /// <summary>An instant as the protocol writes it: UTC, to the second, e.g. 2026-12-01T10:00:00Z.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
