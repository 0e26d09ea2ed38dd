using Appliance.Web.Mail;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Notifications;

public static class NotificationServices
{
    /// <summary>Owners' digest mails; needs <see cref="MailServices.AddApplianceMail"/>.</summary>
    public static IServiceCollection AddOwnerNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations()
            // Connecting, authenticating, sending and quitting may each take up to the mail timeout.
            .Validate<IOptions<MailOptions>>(
                (o, mail) => o.ClaimTimeout > 4 * mail.Value.Timeout,
                "Appliance:Notifications:ClaimTimeout must be longer than four times Appliance:Mail:Timeout, or a slow send could be taken over and mailed twice.")
            .ValidateOnStart();
        services.AddScoped<OwnerNotificationDigest>();
        services.AddHostedService<OwnerNotificationWorker>();
        return services;
    }
}
