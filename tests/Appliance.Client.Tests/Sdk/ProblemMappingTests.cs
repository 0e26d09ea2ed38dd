using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Profiles;
using Appliance.Client.Sdk;
using Appliance.Client.Sdk.Http;
using Appliance.Client.Tests.Support;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Sdk;

public sealed class ProblemMappingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliRunner SignedInRunner(HttpMessageHandler handler)
    {
        // A profile as `rms login` leaves it, with a valid access token and no refresh token.
        var home = _temp.Combine(".rms");
        new ProfileStore(home).SaveProfile(new StoredProfile("https://rms.contoso.test/", "admin@appliance.local", "token", null, DateTimeOffset.UtcNow.AddHours(1)));
        return new CliRunner(home, handler);
    }

    private static string ProblemJson(HttpStatusCode status, string code, string? detail) =>
        System.Text.Json.JsonSerializer.Serialize(new { type = ProblemCodes.TypePrefix + code, title = "t", status = (int)status, detail, code });

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, ProblemCodes.AccessDenied, "bob@contoso.test has no rights to this document", ExitCodes.AccessDenied)]
    [InlineData(HttpStatusCode.Forbidden, ProblemCodes.Forbidden, "Only an appliance administrator may do this.", ExitCodes.AccessDenied)]
    [InlineData(HttpStatusCode.Unauthorized, ProblemCodes.Unauthenticated, "The access token has expired.", ExitCodes.Unauthenticated)]
    [InlineData(HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed, "The e-mail address is not valid.", ExitCodes.Usage)]
    [InlineData(HttpStatusCode.Conflict, ProblemCodes.UserExists, "A user dave@contoso.test already exists.", ExitCodes.Failure)]
    [InlineData(HttpStatusCode.BadRequest, ProblemCodes.RegionNotServed, "This appliance does not serve the region 'apac'.", ExitCodes.Failure)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ProblemCodes.HsmUnavailable, "The HSM of region emea does not answer.", ExitCodes.Failure)]
    [InlineData(HttpStatusCode.InternalServerError, ProblemCodes.Internal, "Something went wrong.", ExitCodes.Failure)]
    public async Task AdminUserList_ProblemAnswer_PrintsDetailAloneAndMapsExitCode(HttpStatusCode status, string code, string detail, int exitCode)
    {
        using var handler = new CannedHandler(status, ProblemJson(status, code, detail));

        var result = await SignedInRunner(handler).RunAsync("admin", "user", "list");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(detail + Environment.NewLine, result.Error);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task AdminUserList_ProblemWithoutDetail_PrintsSentenceForCode()
    {
        using var handler = new CannedHandler(HttpStatusCode.Conflict, ProblemJson(HttpStatusCode.Conflict, ProblemCodes.DomainInUse, null));

        var result = await SignedInRunner(handler).RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("one of these domains already belongs to another organisation" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task AdminUserList_HtmlErrorPage_PrintsStatusSentence()
    {
        using var handler = new CannedHandler(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html");

        var result = await SignedInRunner(handler).RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("the appliance answered 502 Bad Gateway" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task AdminUserList_ApplianceUnreachable_SaysWhichAddress()
    {
        using var handler = new UnreachableHandler();

        var result = await SignedInRunner(handler).RunAsync("admin", "user", "list");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("cannot reach the appliance at https://rms.contoso.test/: Connection refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ExitsFourWithOAuthDescription()
    {
        using var handler = new CannedHandler(
            HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"The username/password couple is invalid."}""",
            "application/json");

        var result = await new CliRunner(_temp.Combine(".rms"), handler)
            .RunWithInputAsync("wrong-password\n", "login", "--server", "https://rms.contoso.test", "--user", "alice@contoso.test", "--password-stdin");

        Assert.Equal(ExitCodes.Unauthenticated, result.ExitCode);
        Assert.Equal("The username/password couple is invalid." + Environment.NewLine, result.Error);
        Assert.DoesNotContain("wrong-password", result.Error + result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Combine(".rms"), ProfileStore.ProfileFileName)));
    }

    [Theory]
    [InlineData("""{"type":"urn:rms-appliance:error:content-not-registered","detail":"Unknown content."}""", ProblemCodes.ContentNotRegistered, "Unknown content.")]
    [InlineData("""{"code":"access-denied"}""", ProblemCodes.AccessDenied, "you have no rights to this document")]
    [InlineData("""{"error":"invalid_grant"}""", ProblemCodes.Unauthenticated, "the user name or password is wrong, or the session has expired")]
    [InlineData("""{"error":"unsupported_grant_type","error_description":"Nope."}""", ProblemCodes.ValidationFailed, "Nope.")]
    [InlineData("""{"detail":"Line one.\nLine two."}""", ProblemCodes.NotFound, "Line one. Line two.")]
    [InlineData("""[1,2]""", ProblemCodes.NotFound, "the appliance does not know what was asked for")]
    [InlineData("", ProblemCodes.NotFound, "the appliance does not know what was asked for")]
    public void FromBody_VariousShapes_GivesCodeAndOneSentence(string body, string code, string detail)
    {
        var ex = ProblemReader.FromBody(body.Contains("invalid_grant", StringComparison.Ordinal) || body.Contains("unsupported", StringComparison.Ordinal)
            ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound, body);

        Assert.Equal(code, ex.Code);
        Assert.Equal(detail, ex.Detail);
    }

    [Fact]
    public void InsufficientRights_Message_NamesHeldAndNeededRights()
    {
        var ex = new InsufficientRightsException("unprotect", ["VIEW"], ["EXPORT", "OWNER"]);

        Assert.Equal("you hold VIEW but unprotect needs EXPORT or OWNER", ex.Message);
        Assert.Equal(ExitCodes.AccessDenied, ExitCodes.ForCode(ex.Code));
    }
}
