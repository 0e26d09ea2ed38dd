using System.ComponentModel.DataAnnotations;

namespace Appliance.Web.Mail;

/// <summary>The SMTP server the appliance sends mail through (<c>Appliance:Mail</c>). No Host: no mail.</summary>
public sealed class MailOptions
{
    public const string Section = "Appliance:Mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, for example <c>"Rights Management" &lt;rms@contoso.com&gt;</c>.</summary>
    public string? From { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    /// <summary>Optional SMTP AUTH account.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum MailSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or a test sink.</summary>
    None,

    /// <summary>STARTTLS, required: the connection fails rather than send in clear.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    SslOnConnect,
}
