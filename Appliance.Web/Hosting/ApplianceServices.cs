using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Web.Audit;
using Appliance.Hsm;
using Appliance.Web.DirectorySync;
using Appliance.Web.Documents;
using Appliance.Web.Errors;
using Appliance.Web.ExternalUsers;
using Appliance.Web.Federation;
using Appliance.Web.Groups;
using Appliance.Web.Health;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Portal;
using Appliance.Web.Portal.Authorization;
using Appliance.Web.Mail;
using Appliance.Web.Notifications;
using Appliance.Web.Roles;
using Appliance.Web.Services;
using Appliance.Web.Settings;
using Appliance.Web.SuperUsers;
using Appliance.Web.Templates;
using Appliance.Web.Tenants;
using Appliance.Web.Usage;
using Appliance.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Hosting;

public static class ApplianceServices
{
    /// <summary>Maps the documented environment variables onto configuration keys.</summary>
    public static void AddApplianceEnvironment(this IConfigurationManager configuration)
    {
        if (Environment.GetEnvironmentVariable("APPLIANCE_DATA") is { Length: > 0 } data)
        {
            configuration["Appliance:DataPath"] = data;
        }

        if (Environment.GetEnvironmentVariable("APPLIANCE_ADMIN_PASSWORD") is { Length: > 0 } password)
        {
            configuration["Appliance:AdminPassword"] = password;
        }
    }

    public static IServiceCollection AddAppliance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApplianceOptions>().BindConfiguration(ApplianceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TenantOptions>().BindConfiguration(TenantOptions.Section).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        // Small public records (key versions, verified user certificates), each with an expiry. No SizeLimit:
        // OpenIddict shares this cache and its entries carry no size.
        services.AddMemoryCache();

        services.AddApplianceData();
        services.AddApplianceHsm();
        services.AddApplianceIdentity(configuration);
        services.AddApplianceFederation();
        services.AddApplianceDataProtection();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = AddCodeFromStatus);
        // A body the endpoints cannot bind (missing, JSON of the wrong shape, the wrong media type) is thrown rather than
        // answered with a bare status, so its answer says what was wrong and its usage entry is written in one place.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<HsmHealthCheck>("hsm");

        services.AddScoped<UsageLog>();
        services.AddUsageAudit();
        services.AddScoped<TenantKeyRing>();
        services.AddScoped<TenantActivation>();
        services.AddScoped<TenantSettingsAdministration>();
        services.AddScoped<SuperUserAdministration>();
        services.AddScoped<SuperUsers.SuperUsers>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserLockout>();
        services.AddScoped<PublishingLicenseVerifier>();
        services.AddScoped<UserBootstrap>();
        services.AddScoped<RegisteredDocuments>();
        services.AddScoped<ContentRegistration>();
        services.AddScoped<LicenseIssuer>();
        services.AddScoped<ServerPublishing>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<ServicePrincipals>();
        services.AddScoped<ServiceContentAccessAdministration>();
        services.AddScoped<GroupResolver>();
        services.AddScoped<GroupAdministration>();
        services.AddScoped<LdapDirectoryAdministration>();
        services.AddScoped<DirectorySyncService>();
        services.AddScoped<LdapSignIn>();
        services.AddSingleton<DirectorySyncLock>();
        services.AddHostedService<DirectorySyncWorker>();
        services.AddScoped<RoleAdministration>();
        services.AddScoped<SecurityPolicyStore>();
        services.AddApplianceMail();
        services.AddOwnerNotifications();
        services.AddExternalUsers();
        services.AddTemplates();
        services.AddDocuments();
        services.AddSingleton(new ApplianceConsole(Console.Out));
        services.AddHostedService<ApplianceInitializer>();

        services.AddPortal();
        // The usage log learns how authorisation ended from the handler that answers it (the portal's).
        services.AddSingleton<PortalAuthorizationResultHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp =>
            new UsageAuthorizationResultHandler(sp.GetRequiredService<PortalAuthorizationResultHandler>()));
        return services;
    }

    private static IServiceCollection AddApplianceDataProtection(this IServiceCollection services)
    {
        // Tokens are Data Protection payloads, so every node must share this key ring: it lives in the
        // data folder (a shared volume for several nodes), and is resolved late so tests can move it.
        services.AddDataProtection().SetApplicationName("rms-appliance");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ApplianceOptions>, ILoggerFactory>((o, appliance, logs) =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(appliance.Value.FullDataPath, "data-protection-keys"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            o.XmlRepository = new FileSystemXmlRepository(folder, logs);
        });
        return services;
    }

    private static void AddCodeFromStatus(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var code = StatusProblemCodes.For(problem.Status ?? StatusCodes.Status500InternalServerError);
        problem.Extensions["code"] = code;
        problem.Type = ProblemCodes.TypePrefix + code;
        problem.Title = ProblemFactory.TitleFor(code);
        problem.Detail ??= StatusProblemCodes.DetailFor(code) ?? problem.Title;
    }
}
