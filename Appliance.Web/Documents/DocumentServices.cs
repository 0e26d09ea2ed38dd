namespace Appliance.Web.Documents;

public static class DocumentServices
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        services.AddScoped<DocumentAccess>();
        services.AddScoped<DocumentTracking>();
        services.AddScoped<DocumentRevocation>();
        return services;
    }
}
