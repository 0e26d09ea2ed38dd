using System.Net;
using System.Text.RegularExpressions;

namespace Appliance.Web.Tests.Federation;

/// <summary>
/// An HTTP client that behaves like a browser for the sign-in round trip: keeps cookies, follows
/// redirects between the appliance and the test provider (and stops at any other host, so an open
/// redirect is seen, not followed), and submits the provider's login form.
/// </summary>
internal sealed partial class PortalBrowser(params Uri[] trustedOrigins) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    public async Task<Page> GetAsync(Uri url) => await FollowAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Fills the provider's login form on <paramref name="page"/> and submits it.</summary>
    public async Task<Page> SubmitLoginAsync(Page page, string userName, string password)
    {
        var action = FormAction().Match(page.Body);
        Assert.True(action.Success, $"no login form at {page.Url}: {page.Body}");
        var fields = HiddenInput().Matches(page.Body)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("username", userName))
            .Append(new("password", password));
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(page.Url, WebUtility.HtmlDecode(action.Groups[1].Value)))
        {
            Content = new FormUrlEncodedContent(fields),
        });
    }

    private async Task<Page> FollowAsync(HttpRequestMessage first)
    {
        var request = first;
        for (var hop = 0; hop < 20; hop++)
        {
            Uri next;
            try
            {
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is null)
                {
                    return new Page(request.RequestUri!, response.StatusCode, body);
                }

                next = new Uri(request.RequestUri!, response.Headers.Location);
                if (!trustedOrigins.Any(o => o.Authority == next.Authority && o.Scheme == next.Scheme))
                {
                    return new Page(next, response.StatusCode, string.Empty);
                }
            }
            finally
            {
                request.Dispose();
            }

            request = new HttpRequestMessage(HttpMethod.Get, next);
        }

        request.Dispose();
        throw new InvalidOperationException("More than 20 redirects.");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\" />")]
    private static partial Regex HiddenInput();
}

/// <summary>Where the browser ended up: the last URL (or the foreign one it refused to follow), status and body.</summary>
internal sealed record Page(Uri Url, HttpStatusCode Status, string Body);
