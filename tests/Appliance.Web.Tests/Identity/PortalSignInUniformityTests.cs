using System.Net;
using Xunit.Abstractions;
using System.Text.RegularExpressions;
using Appliance.TestSupport.Ldap;
using Appliance.Web.Tests.Portal;

namespace Appliance.Web.Tests.Identity;

/// <summary>The portal's sign-in page: the same page, in the same time, whether the account exists or not.</summary>
[Collection(SignInSequence.Name)]
public sealed partial class PortalSignInUniformityTests(SignInNode fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Login_UnknownWrongLockedDisabled_ShowTheSamePage()
    {
        // Arrange - the page said "The account is locked" for a locked or disabled account, so a right guess at a
        // locked account's name was confirmed; now all of these show the wrong password's page.
        await fixture.AddUserAsync("xavier@contoso.test");
        using var login = await LoginForm.OpenAsync(fixture);
        var attempts = new Dictionary<string, (string User, string Password)>
        {
            ["unknown"] = ("nobody@contoso.test", "some password 123"),
            ["unknown without domain"] = ("nobody", "some password 123"),
            ["wrong local"] = ("xavier@contoso.test", "not xavier's password"),
            ["wrong directory"] = (SignInNode.LdapUsers[1], "not bob's password"),
            ["wrong with authenticator"] = (SignInNode.WithAuthenticator, "not the password"),
            ["no password"] = (SignInNode.External, "some password 123"),
            ["locked, right password"] = (SignInNode.Locked, SignInNode.PasswordOf(SignInNode.Locked)),
            ["disabled, right password"] = (SignInNode.Disabled, SlapdTestServer.PasswordOf("mallory")),
        };

        // Act
        var pages = new Dictionary<string, (HttpStatusCode Status, string Page)>();
        foreach (var (kind, (user, password)) in attempts)
        {
            var (status, html) = await login.PostAsync(user, password);
            pages[kind] = (status, LoginForm.WithoutTokenAndName(html, user));
        }

        // Assert
        var expected = pages["unknown"];
        Assert.Equal(HttpStatusCode.OK, expected.Status);
        Assert.Equal("The user name or password is incorrect.", AlertRegex().Match(expected.Page).Groups[1].Value);
        Assert.All(pages, p =>
        {
            Assert.True(p.Value.Status == expected.Status, $"{p.Key}: {(int)p.Value.Status}");
            Assert.True(p.Value.Page == expected.Page, $"{p.Key}: {AlertRegex().Match(p.Value.Page).Value}\n{p.Value.Page}");
        });
    }

    [Fact]
    public async Task Login_UnknownAndLocked_TakeAsLongAsAWrongPassword()
    {
        // Arrange - the same measurement and bound as the token endpoint's (PasswordGrantUniformityTests): each
        // kind's median within a factor of 2 of a wrong password's, which the old 20× gap fails.
        var wrongUsers = await fixture.AddUsersAsync("timing-portal-", 5);
        using var login = await LoginForm.OpenAsync(fixture);
        (string, Func<int, Task>)[] kinds =
        [
            ("wrong password", round => login.RefusedAsync(wrongUsers[round % wrongUsers.Length], "not the password")),
            ("unknown user", round => login.RefusedAsync($"nobody{round}@contoso.test", "not the password")),
            ("locked", _ => login.RefusedAsync(SignInNode.Locked, SignInNode.PasswordOf(SignInNode.Locked))),
            ("directory, disabled", _ => login.RefusedAsync(SignInNode.Disabled, SlapdTestServer.PasswordOf("mallory"))),
        ];

        // Act
        var medians = await SignInTiming.MediansAsync(kinds, rounds: 15, warmUp: 2);
        output.WriteLine(SignInTiming.Describe(medians));

        // Assert
        var wrong = medians["wrong password"];
        Assert.All(medians, m => Assert.True(
            m.Value >= wrong / 2 && m.Value <= wrong * 2,
            $"{m.Key} is not within a factor of 2 of a wrong password: {SignInTiming.Describe(medians)}"));
    }

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex AlertRegex();

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial Regex ComponentStateRegex();

    /// <summary>The sign-in form of one browser: its antiforgery token is fetched once, so only the posts are timed.</summary>
    private sealed class LoginForm : IDisposable
    {
        private readonly HttpClient _http;
        private readonly string _token;

        private LoginForm(HttpClient http, string token)
        {
            _http = http;
            _token = token;
        }

        public static async Task<LoginForm> OpenAsync(SignInNode node)
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = node.Node.BaseAddress,
            };
            var page = await http.GetStringAsync("/account/login");
            return new LoginForm(http, PortalClient.AntiforgeryToken(page) ?? throw new InvalidOperationException("no antiforgery token"));
        }

        public async Task<(HttpStatusCode Status, string Html)> PostAsync(string user, string password)
        {
            using var response = await _http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = _token,
                ["Input.UserName"] = user,
                ["Input.Password"] = password,
            }));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task RefusedAsync(string user, string password)
        {
            var (status, html) = await PostAsync(user, password);
            Assert.True(status == HttpStatusCode.OK && html.Contains("role=\"alert\"", StringComparison.Ordinal), $"{user}: {(int)status}");
        }

        /// <summary>
        /// The page without what differs by design: the name typed, and what is encrypted afresh for every answer (the
        /// form's antiforgery token, Blazor's protected component state).
        /// </summary>
        public static string WithoutTokenAndName(string html, string user)
        {
            var token = PortalClient.AntiforgeryToken(html);
            var page = token is null ? html : html.Replace(WebUtility.HtmlEncode(token), "TOKEN", StringComparison.Ordinal);
            page = ComponentStateRegex().Replace(page, "<!--STATE-->");
            return page.Replace($"value=\"{WebUtility.HtmlEncode(user)}\"", "value=\"USER\"", StringComparison.Ordinal);
        }

        public void Dispose() => _http.Dispose();
    }
}
