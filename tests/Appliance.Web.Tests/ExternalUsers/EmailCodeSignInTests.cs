using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.DirectorySync;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.ExternalUsers;

public sealed class EmailCodeSignInTests(ExternalNode fixture) : IClassFixture<ExternalNode>
{
    private ApplianceFactory Node => fixture.Node;

    private SmtpSinkServer Sink => fixture.Sink;

    private static async Task<string> OAuthErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 invalid_grant, got {(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
        return json.GetProperty("error_description").GetString()!;
    }

    [Fact]
    public async Task RequestCode_OutsideAddress_CodeArrivesBySmtpAndSignsInAsExternalUser()
    {
        // Act
        using var sent = await ExternalSignInFlow.RequestCodeAsync(Node, " Pat@Partner.Example ");
        var accepted = await sent.Content.ReadFromJsonAsync<EmailCodeSent>();
        var message = await Sink.WaitForMessageAsync("pat@partner.example");
        using var token = await ExternalSignInFlow.ExchangeAsync(Node, "pat@partner.example", ExternalSignInFlow.CodeIn(message));
        var tokens = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;

        // Assert
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.True(token.IsSuccessStatusCode, tokens.ToString());
        Assert.Equal("pat@partner.example", accepted!.Email);
        Assert.Matches(@"\b\d{8}\b", message.TextBody);
        Assert.Equal("rms@appliance.test", message.From.Mailboxes.Single().Address);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        var user = await Node.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "pat@partner.example"));
        Assert.Equal(PrincipalSources.External, user.Source);
        Assert.Null(user.TenantId);
        Assert.Null(user.PasswordHash);
        Assert.True(user.EmailConfirmed);
        Assert.Empty(await Node.QueryAsync(db => db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync()));
        // The stored row holds a hash, never the code itself, and is gone once used.
        Assert.Empty(await Node.QueryAsync(db => db.EmailVerificationCodes.Where(c => c.Email == "pat@partner.example").ToListAsync()));
    }

    [Fact]
    public async Task SignIn_CodeStoredOnlyAsHash_RowHoldsNoDigitsOfIt()
    {
        using var sent = await ExternalSignInFlow.RequestCodeAsync(Node, "hash@partner.example");
        var code = await ExternalSignInFlow.CodeFromMailAsync(Sink, "hash@partner.example");

        var row = await Node.QueryAsync(db => db.EmailVerificationCodes.AsNoTracking().SingleAsync(c => c.Email == "hash@partner.example"));

        Assert.Equal(32, row.CodeHash.Length);
        Assert.DoesNotContain(code, Convert.ToHexString(row.CodeHash) + Convert.ToBase64String(row.CodeHash), StringComparison.Ordinal);
        Assert.True(row.ExpiresAt - row.CreatedAt == TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task SignIn_WrongCode_RefusedAndTheRightOneStillWorks()
    {
        using var sent = await ExternalSignInFlow.RequestCodeAsync(Node, "wrong@partner.example");
        var code = await ExternalSignInFlow.CodeFromMailAsync(Sink, "wrong@partner.example");
        var wrong = code == "00000000" ? "00000001" : "00000000";

        using var refused = await ExternalSignInFlow.ExchangeAsync(Node, "wrong@partner.example", wrong);
        var description = await OAuthErrorAsync(refused);
        using var right = await ExternalSignInFlow.ExchangeAsync(Node, "wrong@partner.example", code);
        using var again = await ExternalSignInFlow.ExchangeAsync(Node, "wrong@partner.example", code);

        Assert.Contains("wrong", description, StringComparison.Ordinal);
        Assert.True(right.IsSuccessStatusCode, await right.Content.ReadAsStringAsync());
        // Used once.
        Assert.Contains("ask for a new one", await OAuthErrorAsync(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongAttempts_CodeIsDeadEvenWhenRightAfterwards()
    {
        // Arrange - the limit is what makes an 8-digit code safe against guessing.
        using var sent = await ExternalSignInFlow.RequestCodeAsync(Node, "guess@partner.example");
        var code = await ExternalSignInFlow.CodeFromMailAsync(Sink, "guess@partner.example");
        var wrong = code == "12345678" ? "87654321" : "12345678";
        for (var i = 0; i < 5; i++)
        {
            using var refused = await ExternalSignInFlow.ExchangeAsync(Node, "guess@partner.example", wrong);
            await OAuthErrorAsync(refused);
        }

        // Act
        using var right = await ExternalSignInFlow.ExchangeAsync(Node, "guess@partner.example", code);

        // Assert
        Assert.Contains("ask for a new one", await OAuthErrorAsync(right), StringComparison.Ordinal);
        Assert.False(await Node.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "guess@partner.example")));
    }

    [Fact]
    public async Task RequestCode_AgainWithinThirtySeconds_TooManyRequestsAndFirstCodeStillWorks()
    {
        using var first = await ExternalSignInFlow.RequestCodeAsync(Node, "twice@partner.example");
        var code = await ExternalSignInFlow.CodeFromMailAsync(Sink, "twice@partner.example");

        using var second = await ExternalSignInFlow.RequestCodeAsync(Node, "twice@partner.example");

        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.TooManyRequests, ProblemCodes.TooManyRequests);
        Assert.Single(Sink.MessagesTo("twice@partner.example"));
        using var right = await ExternalSignInFlow.ExchangeAsync(Node, "twice@partner.example", code);
        Assert.True(right.IsSuccessStatusCode, await right.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("bob@contoso.test")]
    [InlineData("alice@contoso.test")]
    [InlineData("sales@contoso.test")]
    public async Task RequestCode_OrganisationAddress_RefusedWithoutMail(string email)
    {
        // Arrange - people of an organisation sign in through it; a code must not stand in for their account.
        using var response = await ExternalSignInFlow.RequestCodeAsync(Node, email);

        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemCodes.OrganisationAddress);

        Assert.Contains("organisation account", detail, StringComparison.Ordinal);
        Assert.Empty(Sink.MessagesTo(email));
    }

    [Fact]
    public async Task RequestCode_AddressOfInternalUserOutsideTenantDomains_Refused()
    {
        await Node.AddUserAsync("ops@elsewhere.example", "password of ops 1", isAdmin: true);

        using var response = await ExternalSignInFlow.RequestCodeAsync(Node, "ops@elsewhere.example");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemCodes.OrganisationAddress);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("pat@localhost")]
    public async Task RequestCode_NotAnAddress_ValidationFailed(string email)
    {
        using var response = await ExternalSignInFlow.RequestCodeAsync(Node, email);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
    }

    [Fact]
    public async Task SignIn_MalformedCode_RefusedWithoutUsingATry()
    {
        using var sent = await ExternalSignInFlow.RequestCodeAsync(Node, "typo@partner.example");
        await ExternalSignInFlow.CodeFromMailAsync(Sink, "typo@partner.example");

        using var refused = await ExternalSignInFlow.ExchangeAsync(Node, "typo@partner.example", "12ab");

        Assert.Contains("8 digits", await OAuthErrorAsync(refused), StringComparison.Ordinal);
        Assert.Equal(0, await Node.QueryAsync(db => db.EmailVerificationCodes.Where(c => c.Email == "typo@partner.example").Select(c => c.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task Refresh_ExternalUser_GetsNewAccessToken()
    {
        var (client, tokens, _) = await ExternalSignInFlow.SignInAsync(Node, Sink, "refresh@partner.example");
        client.Dispose();
        using var anonymous = Node.Anonymous();

        using var refreshed = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
            ["client_id"] = "rms-cli",
        }));

        Assert.True(refreshed.IsSuccessStatusCode, await refreshed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PasswordGrant_ExternalUser_HasNoPasswordToGuess()
    {
        var (client, _, _) = await ExternalSignInFlow.SignInAsync(Node, Sink, "nopass@partner.example");
        client.Dispose();
        using var anonymous = Node.Anonymous();

        using var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "nopass@partner.example",
            ["password"] = string.Empty,
            ["client_id"] = "rms-cli",
            ["scope"] = "rms",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
