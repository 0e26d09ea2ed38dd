using Appliance.Web.Identity;
using Appliance.Web.Usage;
using Appliance.Web.Usage.Reports;

namespace Appliance.Web.Portal.Reports;

public static class UsageReportEndpoints
{
    public const string ExportPath = "/reports/usage/export";

    /// <summary>
    /// The usage page's export links: the admin API's export behind the portal cookie, since a browser following a
    /// link carries no bearer token. A GET that changes nothing but the log, as the API's.
    /// </summary>
    public static IEndpointRouteBuilder MapUsageReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, UsageExportEndpoint.HandleAsync)
            .LogsUsage(UsageRequestTypes.Admin, UsageExportEndpoint.AdminAction)
            .RequireAuthorization(AppliancePolicies.PortalAuditor)
            .ExcludeFromDescription();
        return app;
    }
}
