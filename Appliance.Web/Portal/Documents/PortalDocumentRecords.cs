using Appliance.Web.Usage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Appliance.Web.Portal.Documents;

/// <summary>
/// The usage entry of a document page or action, of the same request type as the API's call (DocumentRequestTypes),
/// so the audit reads the same whichever way someone looked or revoked.
/// </summary>
internal static class PortalDocumentRecords
{
    public static UsageRecord Start(HttpContext http, string requestType)
    {
        var record = new UsageRecord(requestType);
        if (Guid.TryParse(http.User.FindFirst(Claims.Subject)?.Value, out var userId))
        {
            record.UserId = userId;
        }

        record.UserEmail = http.User.FindFirst(Claims.Email)?.Value ?? http.User.FindFirst(Claims.Name)?.Value;
        return record;
    }
}
