using System.Net;
using System.Text.RegularExpressions;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Hosting;

public sealed partial class FirstStartTests
{
    [GeneratedRegex("password, shown only this once: (\\S+)")]
    private static partial Regex PrintedPassword();

    [Fact]
    public async Task FirstStart_NoPasswordConfigured_GeneratedPasswordPrintedOnceAndWorks()
    {
        // Arrange - first start without APPLIANCE_ADMIN_PASSWORD.
        await using var first = new ApplianceFactory(withAdminPassword: false);
        _ = first.BaseAddress;
        var match = PrintedPassword().Match(first.ConsoleOutput.ToString());
        Assert.True(match.Success, "the generated password was not printed");
        var password = match.Groups[1].Value;

        // Act
        using var admin = await first.SignInAsync("admin", password);
        var stored = await first.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin"));

        // Assert - only a hash is kept, and the second start prints nothing.
        Assert.DoesNotContain(password, stored.PasswordHash!, StringComparison.Ordinal);
        await using var second = new ApplianceFactory(withAdminPassword: false, dataPath: first.DataPath);
        _ = second.BaseAddress;
        Assert.Equal(string.Empty, second.ConsoleOutput.ToString());
    }

    [Fact]
    public async Task Health_OpenApi_AnswerOnceReady()
    {
        await using var node = new ApplianceFactory(regions: ["na"]);
        using var client = node.Anonymous();

        using var health = await client.GetAsync("/health");
        var openApi = await client.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("/api/v1/licenses", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/admin/v1/tenants", openApi, StringComparison.Ordinal);
    }
}
