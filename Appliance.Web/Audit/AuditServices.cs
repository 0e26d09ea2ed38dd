namespace Appliance.Web.Audit;

public static class AuditServices
{
    public static IServiceCollection AddUsageAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<UsageCheckpointSigner>();
        services.AddScoped<UsageCheckpoints>();
        services.AddScoped<UsageChainVerification>();
        services.AddScoped<UsageRetention>();
        services.AddScoped<UsageAuditOverview>();
        services.AddSingleton<UsageAuditScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageAuditScheduler>());
        return services;
    }
}
