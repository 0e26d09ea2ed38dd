using Appliance.Data.Notifications;
using Appliance.Data.Usage;
using Appliance.Web.Usage;

namespace Appliance.Web.Notifications;

/// <summary>
/// Which usage entries an owner who asked to be notified hears of: someone else got a licence for the document, or
/// was refused one. The event is stored with the entry, in the request's transaction, and mailed later in a digest.
/// </summary>
public static class OwnerNotificationEvents
{
    public static OwnerNotification? For(UsageRecord record, UsageLogEntry entry)
    {
        if (!record.NotifyOwner || entry.RequestType != UsageRequestTypes.AcquireLicense || entry.ContentId is not { } contentId
            || entry.TenantId is not { } tenantId || entry.OwnerEmail is not { } owner
            || string.Equals(entry.UserEmail, owner, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // A failure (the HSM or the log store unavailable, a malformed request) says nothing about who may read it.
        OwnerNotificationEvent? kind = entry.Result switch
        {
            UsageResult.Granted => OwnerNotificationEvent.Opened,
            UsageResult.Denied => OwnerNotificationEvent.Refused,
            _ => null,
        };
        return kind is { } happened
            ? new OwnerNotification
            {
                TenantId = tenantId,
                ContentId = contentId,
                OwnerEmail = owner,
                FileName = entry.FileName,
                Event = happened,
                UserEmail = entry.UserEmail,
                ClientIp = entry.ClientIp,
                OccurredAt = entry.Timestamp,
            }
            : null;
    }
}
