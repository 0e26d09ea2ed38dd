using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.Support;
using MimeKit;

namespace Appliance.Web.Tests.ExternalUsers;

/// <summary>The external recipient's sign-in as a client does it: ask for a code, read it from the mail, exchange it.</summary>
public static partial class ExternalSignInFlow
{
    public static async Task<HttpResponseMessage> RequestCodeAsync(ApplianceFactory node, string email)
    {
        using var anonymous = node.Anonymous();
        return await anonymous.PostAsJsonAsync("/api/external/v1/codes", new EmailCodeRequest(email));
    }

    /// <summary>The code in the <paramref name="nth"/> mail (1-based) sent to <paramref name="email"/>.</summary>
    public static async Task<string> CodeFromMailAsync(SmtpSinkServer sink, string email, int nth = 1)
    {
        var message = await sink.WaitForMessageAsync(email, nth);
        return CodeIn(message);
    }

    public static string CodeIn(MimeMessage message)
    {
        var match = CodePattern().Match(message.TextBody ?? string.Empty);
        Assert.True(match.Success, $"no 8-digit code in the mail: {message.TextBody}");
        return match.Value;
    }

    public static async Task<HttpResponseMessage> ExchangeAsync(ApplianceFactory node, string email, string code)
    {
        using var anonymous = node.Anonymous();
        return await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = EmailCodeGrant.GrantType,
            [EmailCodeGrant.EmailParameter] = email,
            [EmailCodeGrant.CodeParameter] = code,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
    }

    /// <summary>Signs <paramref name="email"/> in end to end; returns a client carrying the access token, and the token answer.</summary>
    public static async Task<(HttpClient Client, JsonElement Tokens, string Code)> SignInAsync(ApplianceFactory node, SmtpSinkServer sink, string email)
    {
        var before = sink.MessagesTo(email).Count;
        using (var sent = await RequestCodeAsync(node, email))
        {
            Assert.True(sent.StatusCode == HttpStatusCode.Accepted, $"code request for {email} failed: {await sent.Content.ReadAsStringAsync()}");
        }

        var code = await CodeFromMailAsync(sink, email, before + 1);
        using var token = await ExchangeAsync(node, email, code);
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, $"code sign-in of {email} failed: {body}");
        var tokens = JsonDocument.Parse(body).RootElement.Clone();
        var client = node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        return (client, tokens, code);
    }

    [GeneratedRegex(@"\b\d{8}\b")]
    private static partial Regex CodePattern();
}
