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

        var code = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ProblemCodes.ValidationFailed,
            StatusCodes.Status401Unauthorized => ProblemCodes.Unauthenticated,
            StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
            StatusCodes.Status404NotFound => ProblemCodes.NotFound,
            StatusCodes.Status409Conflict => ProblemCodes.Conflict,
            _ => ProblemCodes.Internal,
        };
        problem.Extensions["code"] = code;
        problem.Type = ProblemCodes.TypePrefix + code;
        problem.Detail ??= code switch
        {
            ProblemCodes.Unauthenticated => "Sign in first: the request carries no valid access token.",
            ProblemCodes.Forbidden => "Your account is not allowed to do this.",
            ProblemCodes.NotFound => "There is nothing at this address.",
            _ => problem.Title,
        };
    }
}
