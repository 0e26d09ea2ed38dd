using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Identity;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Portal;

/// <summary>TOTP enrolment through the portal, the second sign-in step, the token grant's <c>totp</c> and the admin policy.</summary>
public sealed class SecondFactorTests(PortalNode fixture) : IClassFixture<PortalNode>
{
    private async Task<(HttpStatusCode Status, string Body)> TokenAsync(string user, string password, string? totp = null)
    {
        using var client = fixture.Node.Anonymous();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        };
        if (totp is not null)
        {
            form["totp"] = totp;
        }

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string ErrorDescription(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("error_description").GetString() ?? string.Empty;

    [Fact]
    public async Task Enrol_ThenSignInAgain_NeedsTheCodeAfterThePassword()
    {
        // Arrange
        const string Email = "tina@contoso.test";
        await fixture.AddUserAsync(Email);
        using var first = await fixture.PortalAsync(Email);
        var key = await first.EnrolAsync();
        using var logout = await first.PostFormAsync("/account/logout", "unused", tokenPage: "/");

        // Act
        using var second = new PortalClient(fixture.Node);
        var afterPassword = await second.SignInAsync(Email, PortalNode.PasswordOf(Email), returnUrl: "/account/two-factor");
        using var beforeCode = await second.GetAsync("/account/two-factor");
        using var wrongCode = await second.PostFormAsync("/account/login-2fa", "login-2fa", new Dictionary<string, string> { ["Code.Value"] = "000000" });
        using var rightCode = await second.SecondFactorAsync(key, returnUrl: "/account/two-factor");
        using var afterCode = await second.GetAsync("/account/two-factor");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/account/login-2fa?returnUrl=%2Faccount%2Ftwo-factor", afterPassword);
        Assert.Equal(HttpStatusCode.Redirect, beforeCode.StatusCode);
        Assert.StartsWith("/account/login?", PortalClient.LocationPath(beforeCode), StringComparison.Ordinal);
        Assert.Contains("The code is incorrect", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rightCode.StatusCode);
        Assert.Equal("/account/two-factor", PortalClient.LocationPath(rightCode));
        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
        Assert.Contains("data-testid=\"two-factor-on\"", await afterCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_Refused()
    {
        // Arrange - a cross-site form must not sign anyone out.
        await fixture.AddUserAsync("uma@contoso.test");
        using var uma = await fixture.PortalAsync("uma@contoso.test");
        using var http = new HttpClient { BaseAddress = uma.BaseAddress };

        // Act
        using var forged = await http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task PasswordGrant_UserWithAuthenticator_NeedsTheTotpParameter()
    {
        // Arrange
        const string Email = "vera@contoso.test";
        var password = PortalNode.PasswordOf(Email);
        await fixture.AddUserAsync(Email);
        using (var portal = await fixture.PortalAsync(Email))
        {
            var key = await portal.EnrolAsync();

            // Act
            var missing = await TokenAsync(Email, password);
            var wrong = await TokenAsync(Email, password, "000000");
            var right = await TokenAsync(Email, password, PortalClient.CodeFor(key));
            var wrongPassword = await TokenAsync(Email, "not the password", PortalClient.CodeFor(key));

            // Assert
            Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
            Assert.Contains("'totp'", ErrorDescription(missing.Body), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
            Assert.Contains("authenticator code is incorrect", ErrorDescription(wrong.Body), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, right.Status);
            Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.Status);
            Assert.Contains("password is incorrect", ErrorDescription(wrongPassword.Body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Policy_On_AdministratorsMustEnrolBeforeAdminPagesAndTokens()
    {
        // Arrange - an administrator (not the seeded one, whose API client the fixture keeps) and a plain user.
        const string Admin = "walt@contoso.test";
        const string Plain = "xena@contoso.test";
        await fixture.AddUserAsync(Admin, ApplianceRoles.Administrator);
        await fixture.AddUserAsync(Plain);
        using var before = await fixture.Admin.GetAsync("/api/admin/v1/security-policy");
        var initial = (await before.Content.ReadFromJsonAsync<SecurityPolicy>())!;
        using var turnOn = await fixture.Admin.PutAsJsonAsync("/api/admin/v1/security-policy", new SecurityPolicyRequest(true));
        using var noValue = await fixture.Admin.PutAsJsonAsync("/api/admin/v1/security-policy", new { });

        try
        {
            // Act
            var adminToken = await TokenAsync(Admin, PortalNode.PasswordOf(Admin));
            var plainToken = await TokenAsync(Plain, PortalNode.PasswordOf(Plain));
            using var portal = new PortalClient(fixture.Node);
            var afterPassword = await portal.SignInAsync(Admin, PortalNode.PasswordOf(Admin), returnUrl: "/admin/roles");
            using var adminPageBefore = await portal.GetAsync("/admin/roles");
            var key = await portal.EnrolAsync();
            using var adminPageAfter = await portal.GetAsync("/admin/roles");
            var enrolledToken = await TokenAsync(Admin, PortalNode.PasswordOf(Admin), PortalClient.CodeFor(key));

            // Assert
            Assert.False(initial.RequireAdministratorTwoFactor);
            Assert.Equal(HttpStatusCode.OK, turnOn.StatusCode);
            Assert.True((await turnOn.Content.ReadFromJsonAsync<SecurityPolicy>())!.RequireAdministratorTwoFactor);
            await ProblemAssert.IsProblemAsync(noValue, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            Assert.Equal(HttpStatusCode.BadRequest, adminToken.Status);
            Assert.Contains("/account/two-factor", ErrorDescription(adminToken.Body), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, plainToken.Status);
            Assert.Equal("/account/two-factor?returnUrl=%2Fadmin%2Froles", afterPassword);
            Assert.Equal(HttpStatusCode.Redirect, adminPageBefore.StatusCode);
            Assert.Equal("/account/two-factor?returnUrl=%2Fadmin%2Froles", PortalClient.LocationPath(adminPageBefore));
            Assert.Equal(HttpStatusCode.OK, adminPageAfter.StatusCode);
            Assert.Equal(HttpStatusCode.OK, enrolledToken.Status);
            var logged = await fixture.Node.QueryAsync(db => db.UsageLog.Where(e => e.AdminAction!.StartsWith("PutSecurityPolicy")).Select(e => e.AdminAction).ToListAsync());
            Assert.Contains("PutSecurityPolicy requireAdministratorTwoFactor=True", logged);
        }
        finally
        {
            using var off = await fixture.Admin.PutAsJsonAsync("/api/admin/v1/security-policy", new SecurityPolicyRequest(false));
        }
    }

    [Fact]
    public async Task Login_ReturnUrlOffSite_GoesHome()
    {
        // Arrange - an open redirect after sign-in would hand a phishing site a freshly signed-in victim.
        await fixture.AddUserAsync("yann@contoso.test");
        using var portal = new PortalClient(fixture.Node);

        // Act
        var offSite = await portal.SignInAsync("yann@contoso.test", PortalNode.PasswordOf("yann@contoso.test"), returnUrl: "//evil.test/x");
        using var again = new PortalClient(fixture.Node);
        var backslash = await again.SignInAsync("yann@contoso.test", PortalNode.PasswordOf("yann@contoso.test"), returnUrl: "/\\evil.test");

        // Assert
        Assert.Equal("/", offSite);
        Assert.Equal("/", backslash);
    }

    [Fact]
    public async Task Login_WrongPassword_SaysSoAndDoesNotEchoIt()
    {
        await fixture.AddUserAsync("zoe@contoso.test");
        using var portal = new PortalClient(fixture.Node);

        using var response = await portal.PostFormAsync("/account/login", "login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "zoe@contoso.test",
            ["Input.Password"] = "wrong password zoe 123",
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is incorrect.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password zoe 123", body, StringComparison.Ordinal);
    }
}
