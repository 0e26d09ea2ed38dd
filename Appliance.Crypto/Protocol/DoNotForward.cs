using Appliance.Crypto.Rights;

namespace Appliance.Crypto.Protocol;

/// <summary>
/// Do Not Forward, the dynamic policy for e-mail: every recipient of the message gets the same rights and nobody
/// else any. The rights are those of Microsoft's "Do Not Forward option for emails" (Azure Information Protection,
/// "Configure usage rights"): recipients may read, reply and reply to all, and edit their reply, but not forward,
/// print, copy out (EXTRACT) or save an unprotected copy (EXPORT). Shared by the server and every client so a
/// Do Not Forward message means the same everywhere.
/// </summary>
public static class DoNotForward
{
    /// <summary>What each recipient gets, in catalogue order.</summary>
    public static IReadOnlyList<string> Rights { get; } = UsageRights.Parse(string.Join(
        ',',
        UsageRights.View,
        UsageRights.Reply,
        UsageRights.ReplyAll,
        UsageRights.Edit,
        UsageRights.DocEdit,
        UsageRights.ObjModel,
        UsageRights.ViewRightsData));
}
