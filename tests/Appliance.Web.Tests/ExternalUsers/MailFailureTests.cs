using System.Net;
using System.Net.Sockets;
using Appliance.Crypto.Protocol;
using Appliance.TestSupport.Mail;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.ExternalUsers;

/// <summary>Nodes whose mail is missing, broken or quick to expire: one node per test.</summary>
public sealed class MailFailureTests
{
    [Fact]
    public async Task RequestCode_NoMailConfigured_MailNotConfiguredAndNodeStillServes()
    {
        // Arrange - the appliance must start without mail; only external sign-up depends on it.
        await using var node = new ApplianceFactory(regions: ["na"]);

        using var response = await ExternalSignInFlow.RequestCodeAsync(node, "pat@partner.example");
        using var health = await node.Anonymous().GetAsync("/health");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ProblemCodes.MailNotConfigured);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task RequestCode_SmtpServerDown_MailUnavailableAndNoCodeKept()
    {
        // Arrange - a port nobody listens on.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>
        {
            ["Appliance:Mail:Host"] = "127.0.0.1",
            ["Appliance:Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Appliance:Mail:Security"] = "None",
            ["Appliance:Mail:From"] = "rms@appliance.test",
        });

        // Act
        using var response = await ExternalSignInFlow.RequestCodeAsync(node, "pat@partner.example");

        // Assert
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ProblemCodes.MailUnavailable);
        Assert.Empty(await node.QueryAsync(db => db.EmailVerificationCodes.ToListAsync()));
    }

    [Fact]
    public async Task SignIn_ExpiredCode_Refused()
    {
        // Arrange - a one-second lifetime stands in for ten minutes.
        await using var sink = await SmtpSinkServer.StartAsync();
        await using var node = new ApplianceFactory(regions: ["na"], settings: new Dictionary<string, string?>(sink.ApplianceSettings)
        {
            ["Appliance:ExternalUsers:CodeLifetime"] = "00:00:01",
        });
        using var sent = await ExternalSignInFlow.RequestCodeAsync(node, "late@partner.example");
        var code = await ExternalSignInFlow.CodeFromMailAsync(sink, "late@partner.example");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // Act
        using var response = await ExternalSignInFlow.ExchangeAsync(node, "late@partner.example", code);

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", body, StringComparison.Ordinal);
    }
}
