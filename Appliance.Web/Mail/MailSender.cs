using System.Net.Sockets;
using Appliance.Crypto.Protocol;
using Appliance.Web.Errors;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Appliance.Web.Mail;

/// <summary>Sends plain-text mail (with an optional HTML alternative) through the configured SMTP server, one connection per message.</summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Throws <c>mail-not-configured</c> unless a mail server is configured.</summary>
    public void EnsureConfigured()
    {
        if (!IsConfigured)
        {
            throw new ApplianceProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.MailNotConfigured,
                "This appliance has no mail server configured, so it cannot send sign-in codes; ask its administrator.");
        }
    }

    /// <remarks>The body may hold a secret (a sign-in code): it is never logged, and no protocol logger is attached.</remarks>
    public Task SendAsync(string to, string subject, string body, CancellationToken ct) => SendAsync(to, subject, body, htmlBody: null, ct);

    /// <param name="htmlBody">The same text as HTML, sent as an alternative the reader's mail program may prefer.</param>
    public async Task SendAsync(string to, string subject, string body, string? htmlBody, CancellationToken ct)
    {
        EnsureConfigured();
        var o = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var plain = new TextPart(TextFormat.Plain) { Text = body };
        message.Body = htmlBody is null ? plain : new MultipartAlternative { plain, new TextPart(TextFormat.Html) { Text = htmlBody } };

        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, Map(o.Security), ct);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ProtocolException
            or CommandException or AuthenticationException or SslHandshakeException)
        {
            // The server's answer or the socket error, never the message: it holds the code.
            logger.LogWarning("Mail to the SMTP server {Host}:{Port} failed: {Error}", o.Host, o.Port, ex.Message);
            throw new ApplianceProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.MailUnavailable,
                "The mail server did not accept the message, so no code was sent; try again later.");
        }
    }

    private static SecureSocketOptions Map(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
    };
}
