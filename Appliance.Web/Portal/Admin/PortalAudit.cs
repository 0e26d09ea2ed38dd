using Appliance.Data.Usage;
using Appliance.Web.Usage;

namespace Appliance.Web.Portal.Admin;

/// <summary>
/// The usage-log entry of a portal action, like the admin API's (<see cref="UsageLoggingFilter"/>): written in the
/// same unit of work as the change the action left pending, granted or failed.
/// </summary>
internal static class PortalAudit
{
    public static UsageRecord Start(HttpContext http, string adminAction) => UsageRecord.For(http.User, UsageRequestTypes.Admin, adminAction);

    public static Task GrantedAsync(HttpContext http, UsageRecord record) =>
        http.RequestServices.GetRequiredService<UsageLog>()
            .RecordAsync(record, UsageResult.Granted, null, RequestContext.From(http), http.RequestAborted);

    public static Task FailedAsync(HttpContext http, UsageRecord record, Exception failure) =>
        http.RequestServices.GetRequiredService<UsageLog>()
            .RecordFailureAsync(record, failure, RequestContext.From(http), http.RequestAborted);
}
