using MimeKit;

namespace Appliance.Web.Mail;

public static class MailServices
{
    public static IServiceCollection AddApplianceMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.IsConfigured || MailboxAddress.TryParse(o.From, out _),
                "Appliance:Mail:From must be a sender address when Appliance:Mail:Host is set.")
            .ValidateOnStart();
        services.AddSingleton<MailSender>();
        return services;
    }
}
