using Appliance.Crypto.Audit;
using Appliance.Data.Usage;

namespace Appliance.Web.Usage;

internal static class UsageEntryChaining
{
    public static ChainedUsageEntry ToChained(this UsageLogEntry e) => new(
        e.Id, e.Chain, e.Sequence, e.Timestamp, e.TenantId, e.RequestType, e.UserId, e.UserEmail, e.Result.ToString(), e.ErrorCode,
        e.CorrelationId, e.ContentId, e.OwnerEmail, e.Issuer, e.TemplateId, e.FileName, e.DatePublished, e.Rights, e.ClientInfo,
        e.ClientIp, e.AdminAction, e.ActingAs, e.PreviousHash, e.Hash);
}
