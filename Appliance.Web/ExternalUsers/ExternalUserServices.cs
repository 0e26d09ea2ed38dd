using System.Threading.RateLimiting;
using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;
using Microsoft.Extensions.Options;

namespace Appliance.Web.ExternalUsers;

public static class ExternalUserServices
{
    public static IServiceCollection AddExternalUsers(this IServiceCollection services)
    {
        services.AddOptions<ExternalUserOptions>().BindConfiguration(ExternalUserOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EmailCodes>();
        services.AddScoped<ExternalSignIn>();

        // Per client address, on top of the per-mailbox interval: one host cannot make the appliance mail everyone.
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(ExternalUsersApi.CodeRequestsPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<ExternalUserOptions>>().Value.RequestsPerMinutePerClient,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.HttpContext.Response.WriteAsJsonAsync(
                    ProblemFactory.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests,
                        "Too many code requests from this address; wait a minute."),
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
            };
        });
        return services;
    }
}
