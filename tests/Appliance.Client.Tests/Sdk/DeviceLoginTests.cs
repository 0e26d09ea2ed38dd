using System.Net;
using System.Text;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Sdk;

/// <summary>
/// The client half of the device flow: how it waits, and what it says when the person refuses or the
/// code runs out. The whole flow against a real appliance is in the end-to-end tests.
/// </summary>
public sealed class DeviceLoginTests : IDisposable
{
    private const string Started = """
        {"device_code":"dc-secret","user_code":"ABCD-EFGH","verification_uri":"https://rms.contoso.test/connect/verify",
         "verification_uri_complete":"https://rms.contoso.test/connect/verify?user_code=ABCD-EFGH","expires_in":60,"interval":5}
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LoginWithDevice_PendingThenSlowDownThenApproved_WaitsAsAskedAndReturnsTokens()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, Started),
            (HttpStatusCode.BadRequest, """{"error":"authorization_pending"}"""),
            (HttpStatusCode.BadRequest, """{"error":"slow_down"}"""),
            (HttpStatusCode.OK, """{"access_token":"at","refresh_token":"rt","expires_in":1800,"token_type":"Bearer"}"""));
        var clock = new InstantClock();
        using var client = new RmsClient(new RmsClientOptions { Server = new Uri("https://rms.contoso.test"), Handler = handler, TimeProvider = clock });
        DeviceAuthorization? shown = null;

        var tokens = await client.LoginWithDeviceAsync((authorization, _) =>
        {
            shown = authorization;
            return Task.CompletedTask;
        });

        Assert.Equal("at", tokens.AccessToken);
        Assert.Equal("ABCD-EFGH", shown!.UserCode);
        Assert.DoesNotContain("dc-secret", shown.ToString(), StringComparison.Ordinal);
        // Five seconds as asked, then five more after slow_down (RFC 8628 section 3.5).
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], clock.Delays);
        Assert.All(handler.Bodies.Skip(1), body => Assert.Contains("device_code=dc-secret", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_RefusedInTheBrowser_ExitsThreeWithOneSentenceAndKeepsNoProfile()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, Started),
            (HttpStatusCode.BadRequest, """{"error":"access_denied","error_description":"The authorization was denied."}"""));
        var runner = new CliRunner(_temp.Path, handler) { Clock = new InstantClock() };

        var result = await runner.RunAsync("login", "--server", "https://rms.contoso.test");

        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Contains("open https://rms.contoso.test/connect/verify?user_code=ABCD-EFGH", result.Error, StringComparison.Ordinal);
        Assert.Contains("the sign-in was refused in the browser", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.OutputBytes);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "profile.json")));
    }

    [Fact]
    public async Task Login_NobodyApprovesBeforeTheCodeExpires_ExitsFourSayingSo()
    {
        var pending = (HttpStatusCode.BadRequest, """{"error":"authorization_pending"}""");
        var handler = new ScriptedHandler([(HttpStatusCode.OK, Started), .. Enumerable.Repeat(pending, 20)]);
        var runner = new CliRunner(_temp.Path, handler) { Clock = new InstantClock() };

        var result = await runner.RunAsync("login", "--server", "https://rms.contoso.test");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("the sign-in code expired before it was approved; run rms login again", result.Error, StringComparison.Ordinal);
        // 60 seconds at one poll every 5: it gives up after the code's lifetime, not before, not forever.
        Assert.InRange(handler.Bodies.Count, 12, 14);
    }

    [Fact]
    public async Task Login_ServerExpiresTheCode_ExitsFour()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, Started),
            (HttpStatusCode.BadRequest, """{"error":"expired_token"}"""));
        var runner = new CliRunner(_temp.Path, handler) { Clock = new InstantClock() };

        var result = await runner.RunAsync("login", "--server", "https://rms.contoso.test");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Contains("expired", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginWithDevice_IncompleteAnswer_IsABadResponse()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"user_code":"ABCD-EFGH"}"""));
        using var client = new RmsClient(new RmsClientOptions { Server = new Uri("https://rms.contoso.test"), Handler = handler, TimeProvider = new InstantClock() });

        var error = await Assert.ThrowsAsync<RmsException>(() => client.LoginWithDeviceAsync((_, _) => Task.CompletedTask));

        Assert.Equal(ClientErrorCodes.BadResponse, error.Code);
        Assert.NotEqual(ProblemCodes.Internal, error.Code);
    }

    /// <summary>Answers requests in order, one scripted answer each, and keeps their form bodies.</summary>
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
