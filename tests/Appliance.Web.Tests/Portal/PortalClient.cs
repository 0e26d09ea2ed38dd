using System.Net;
using System.Text.RegularExpressions;
using Appliance.Web.Tests.Support;
using OtpNet;

namespace Appliance.Web.Tests.Portal;

/// <summary>
/// A browser without a browser: an HttpClient that keeps the portal cookie, does not follow redirects (so a test
/// sees where it is sent), and posts the static-rendered forms with their antiforgery token and form name.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient(ApplianceFactory node)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = node.BaseAddress,
        };
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Posts the form named <paramref name="formName"/>, with the antiforgery token of a page this caller may open.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IDictionary<string, string>? fields = null, string tokenPage = "/account/login")
    {
        using var page = await _http.GetAsync(tokenPage);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"{tokenPage} has no antiforgery token ({(int)page.StatusCode}).");
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = token,
        };
        return await _http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>As <see cref="PostFormAsync"/>, with fields that may repeat (a checkbox list is one name, many values).</summary>
    public async Task<HttpResponseMessage> PostFormFieldsAsync(string path, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var page = await _http.GetAsync("/account/login");
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("/account/login has no antiforgery token.");
        return await _http.PostAsync(path, new FormUrlEncodedContent(
            [.. fields, new("_handler", formName), new("__RequestVerificationToken", token)]));
    }

    /// <summary>Signs in through the login form; answers where the portal sent the person next.</summary>
    public async Task<string> SignInAsync(string user, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        using var response = await PostFormAsync(path, "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return LocationPath(response);
    }

    /// <summary>Second step of a sign-in: the authenticator code on /account/login-2fa.</summary>
    public async Task<HttpResponseMessage> SecondFactorAsync(string sharedKey, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/login-2fa" : $"/account/login-2fa?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await PostFormAsync(path, "login-2fa", new Dictionary<string, string> { ["Code.Value"] = CodeFor(sharedKey) });
    }

    /// <summary>Enrols an authenticator on /account/two-factor and answers the shared key it showed.</summary>
    public async Task<string> EnrolAsync()
    {
        using var page = await _http.GetAsync("/account/two-factor");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"two-factor page: {(int)page.StatusCode}");
        var key = WebUtility.HtmlDecode(SharedKeyRegex().Match(html).Groups[1].Value);
        Assert.False(string.IsNullOrWhiteSpace(key), "no shared key on the enrolment page");
        using var enable = await PostFormAsync("/account/two-factor", "enable-2fa", new Dictionary<string, string> { ["Input.Code"] = CodeFor(key) }, "/account/two-factor");
        var body = await enable.Content.ReadAsStringAsync();
        Assert.True(body.Contains("data-testid=\"recovery-codes\"", StringComparison.Ordinal), $"enrolment failed: {(int)enable.StatusCode} {body}");
        return key;
    }

    /// <summary>The current TOTP code for a key as the portal shows it (grouped, lower case base32).</summary>
    public static string CodeFor(string sharedKey) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    public static string LocationPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} without a Location");
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://portal.invalid"), location);
        return absolute.PathAndQuery;
    }

    public static string? AntiforgeryToken(string html)
    {
        foreach (Match input in InputRegex().Matches(html))
        {
            if (input.Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal)
                && ValueRegex().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputRegex();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueRegex();

    [GeneratedRegex("data-testid=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKeyRegex();
}
