using Appliance.Data.Usage;

namespace Appliance.Web.Tests.Usage;

/// <summary>Usage entries written straight to the table, each in a chain of its own: the reports do not read the links.</summary>
internal static class UsageSeed
{
    public static UsageLogEntry Entry(
        Guid? tenant, DateTimeOffset timestamp, string requestType, string? user, UsageResult result,
        Guid? contentId = null, Guid? templateId = null, string? fileName = null, string? clientInfo = null, string? errorCode = null) => new()
    {
        Chain = $"seed-{Guid.NewGuid():N}"[..32],
        PreviousHash = new byte[32],
        Hash = new byte[32],
        TenantId = tenant,
        Timestamp = timestamp,
        RequestType = requestType,
        UserEmail = user,
        Result = result,
        ContentId = contentId,
        TemplateId = templateId,
        FileName = fileName,
        ClientInfo = clientInfo,
        ErrorCode = errorCode,
    };
}
