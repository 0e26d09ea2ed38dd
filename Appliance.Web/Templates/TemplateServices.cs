using Appliance.Web.Identity;
using Appliance.Web.Portal.Overview;
using OpenIddict.Validation.AspNetCore;

namespace Appliance.Web.Templates;

public static class TemplatePolicies
{
    /// <summary>Bearer token of a global administrator or a template administrator.</summary>
    public const string TemplateAdmin = "template-admin";
}

public static class TemplateServices
{
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddScoped<TemplateAdministration>();
        services.AddScoped<TemplateCatalog>();
        services.AddScoped<ITemplateCounts, TemplateCounts>();
        services.AddAuthorizationBuilder()
            .AddPolicy(TemplatePolicies.TemplateAdmin, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CurrentRoleRequirement(ApplianceRoles.Administrator, ApplianceRoles.TemplateAdministrator)));
        return services;
    }
}
