using System.Net;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Identity;

/// <summary>One node for the form-limit tests, with its log captured.</summary>
public sealed class FormLimitsNode : IAsyncLifetime
{
    public CapturedLog Log { get; } = new();

    public ApplianceFactory Node { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Node = new ApplianceFactory(regions: ["na"], logs: Log);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>
/// A form over ASP.NET Core's limits (a 4 MiB value, a key over 2,048 characters, more than 1,024 fields) made the
/// OAuth endpoints answer 500: the limit's exception escaped while OpenIddict read the form. Now it is malformed
/// input, refused with a 400 that OAuth clients and <c>rms</c> both read, and one warning in the log.
/// </summary>
public sealed class FormLimitsTests(FormLimitsNode fixture) : IClassFixture<FormLimitsNode>
{
    private static Dictionary<string, string> Ordinary(string path) => path == "/connect/token"
        ? new() { ["grant_type"] = "password", ["username"] = "admin", ["client_id"] = "rms-cli", ["scope"] = "openid offline_access rms" }
        : new() { ["client_id"] = "rms-cli", ["scope"] = "openid offline_access rms" };

    [Theory]
    [InlineData("/connect/token", OversizeForm.ValueLength)]
    [InlineData("/connect/token", OversizeForm.KeyLength)]
    [InlineData("/connect/token", OversizeForm.ValueCount)]
    [InlineData("/connect/device", OversizeForm.ValueLength)]
    [InlineData("/connect/device", OversizeForm.KeyLength)]
    [InlineData("/connect/device", OversizeForm.ValueCount)]
    public async Task OAuthEndpoint_FormOverALimit_BadRequestProblemThatIsAnOAuthError(string path, string kind)
    {
        // Arrange - anyone can post to these endpoints: a 500 for a malformed form is an unhandled failure (and a
        // log full of stack traces) that an attacker can cause at will.
        using var client = fixture.Node.Anonymous();

        // Act
        using var response = await client.PostAsync(path, OversizeForm.For(kind, Ordinary(path)));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(ProblemCodes.FormLimitExceeded, root.GetProperty("code").GetString());
        Assert.Equal(ProblemCodes.TypePrefix + ProblemCodes.FormLimitExceeded, root.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        var detail = root.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.Equal("invalid_request", root.GetProperty("error").GetString());
        Assert.Equal(detail, root.GetProperty("error_description").GetString());
        Assert.DoesNotContain(OversizeForm.Marker, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenEndpoint_BodyOverTheServerMaximum_PayloadTooLargeProblem()
    {
        // Arrange - eight values just under 4 MiB each: every field within the form limits, the body (≈ 32 MB)
        // over Kestrel's 30 MB maximum, which fails the read with its own exception. The server answers without
        // reading such a body, so the client waits for "100 Continue" instead of sending it into a closed socket.
        using var client = fixture.Node.Anonymous();
        client.DefaultRequestHeaders.ExpectContinue = true;
        var fields = Enumerable.Range(0, 8).Select(i => $"{OversizeForm.Marker}{i}=" + new string('v', 4_000_000));
        using var content = new StringContent(string.Join('&', fields));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        // Act
        using var response = await client.PostAsync("/connect/token", content);
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(ProblemCodes.RequestTooLarge, root.GetProperty("code").GetString());
        Assert.Equal("invalid_request", root.GetProperty("error").GetString());
    }

    [Fact]
    public async Task PasswordGrant_OrdinaryFormAndOneJustUnderTheLimits_StillSignIn()
    {
        // Arrange - the limits are the framework's own: forms under them must pass as before, read once.
        using var client = fixture.Node.Anonymous();
        var nearLimit = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin",
            ["password"] = ApplianceFactory.AdminPassword,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        };
        for (var i = nearLimit.Count; i < 1024; i++)
        {
            nearLimit[$"extra{i}"] = "x";
        }

        // Act
        using var admin = await fixture.Node.SignInAdminAsync();
        using var near = await client.PostAsync("/connect/token", new FormUrlEncodedContent(nearLimit));

        // Assert
        Assert.NotNull(admin.DefaultRequestHeaders.Authorization);
        Assert.True(near.StatusCode == HttpStatusCode.OK, await near.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/connect/token", OversizeForm.ValueLength)]
    [InlineData("/connect/device", OversizeForm.KeyLength)]
    [InlineData("/connect/token", OversizeForm.ValueCount)]
    public async Task OAuthEndpoint_FormOverALimit_OneWarningNamingEndpointAndLimitButNoFormContent(string path, string kind)
    {
        // Arrange - the log says what happened and where, and never what the form held (a password, say).
        using var client = fixture.Node.Anonymous();
        var before = fixture.Log.Lines.Count;

        // Act
        using var response = await client.PostAsync(path, OversizeForm.For(kind, Ordinary(path)));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var lines = fixture.Log.Lines.Skip(before).ToList();
        var warning = Assert.Single(lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal));
        Assert.Contains(kind, warning, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Log.Lines, l => l.Contains(OversizeForm.Marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/account/login", OversizeForm.ValueLength)]
    [InlineData("/account/login", OversizeForm.KeyLength)]
    [InlineData("/account/login", OversizeForm.ValueCount)]
    [InlineData("/account/login-2fa", OversizeForm.ValueCount)]
    [InlineData("/account/logout", OversizeForm.ValueCount)]
    [InlineData("/connect/verify", OversizeForm.ValueCount)]
    [InlineData("/admin/users", OversizeForm.ValueCount)]
    public async Task PortalForm_OverALimit_BadRequestPage(string path, string kind)
    {
        // Arrange - the portal's forms (sign-in, second factor, sign-out, device approval, admin pages) read the form
        // too, some of them before the antiforgery check: a person gets a page, not a JSON body or a 500.
        using var client = fixture.Node.Anonymous();

        // Act
        using var response = await client.PostAsync(path, OversizeForm.For(kind, new Dictionary<string, string> { ["_handler"] = "login" }));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"form-refused\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(OversizeForm.Marker, body, StringComparison.Ordinal);
    }
}
