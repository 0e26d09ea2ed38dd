using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Appliance.Web.Tests.Templates;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Tenants;

/// <summary>The organisation's offline cap: set through the admin API, enforced by the template rules and by every licence.</summary>
public sealed class TenantSettingsTests(TemplatesNode fixture) : IClassFixture<TemplatesNode>
{
    private HttpClient Admin => fixture.Admin;

    private string SettingsPath => $"/api/admin/v1/tenants/{fixture.Contoso.Id}/settings";

    private async Task<TenantSettings> SetAsync(int days)
    {
        using var response = await Admin.PutAsJsonAsync(SettingsPath, new TenantSettingsRequest(days));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TenantSettings>())!;
    }

    [Fact]
    public async Task MaxOfflineDays_DefaultThirtyThenLowered_LoggedAndCapsTemplates()
    {
        // Arrange
        var before = await Admin.GetFromJsonAsync<TenantSettings>(SettingsPath);

        // Act
        var saved = await SetAsync(5);
        var shown = await Admin.GetFromJsonAsync<TenantSettings>(SettingsPath);
        using var tooLong = await Admin.PostAsJsonAsync("/api/admin/v1/tenants/contoso.test/templates",
            TemplatesNode.Request("Six days offline") with { Offline = new TemplateOfflineAccess(TemplateModes.Days, 6) });
        var available = await TemplatesNode.AvailableAsync(fixture.Alice);

        // Assert
        Assert.Equal(30, before!.MaxOfflineDays);
        Assert.Equal(new TenantSettings(fixture.Contoso.Id, "Contoso, Ltd", 5), saved);
        Assert.Equal(saved, shown);
        await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        // The defaults offer 7 days; the clients are told the capped figure they must put in the policy.
        Assert.All(available.Where(t => t.Name.StartsWith("Contoso, Ltd - Confidential", StringComparison.Ordinal)), t => Assert.Equal(5, t.OfflineDays));
        var entry = await fixture.Node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .SingleAsync(e => e.AdminAction == "PutTenantSettings Contoso, Ltd: maxOfflineDays=5"));
        Assert.Equal((UsageResult.Granted, fixture.Contoso.Id), (entry.Result, entry.TenantId));
        await SetAsync(30);
    }

    [Fact]
    public async Task MaxOfflineDays_LoweredAfterProtection_CapsTheNextLicenceOfThatContent()
    {
        // Arrange - an ad-hoc policy without offline days gets the appliance's default of 7.
        await SetAsync(30);
        var (license, _, _) = await fixture.Alice.PublishAsync(new RightsGrant("bob@contoso.test", ["VIEW"]));
        var first = await AcquireAsync(license);

        // Act
        await SetAsync(2);
        var capped = await AcquireAsync(license);
        await SetAsync(0);
        var online = await AcquireAsync(license);
        await SetAsync(30);

        // Assert
        Assert.Equal(first.IssuedAt.AddDays(7), first.ValidUntil);
        Assert.Equal(capped.IssuedAt.AddDays(2), capped.ValidUntil);
        Assert.Null(online.ValidUntil);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3651)]
    [InlineData(null)]
    public async Task MaxOfflineDays_OutOfRange_ValidationProblemAndNothingChanged(int? days)
    {
        // Act
        using var response = await Admin.PutAsJsonAsync(SettingsPath, new TenantSettingsRequest(days));

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("maxOfflineDays", detail, StringComparison.Ordinal);
        Assert.Equal(30, (await Admin.GetFromJsonAsync<TenantSettings>(SettingsPath))!.MaxOfflineDays);
    }

    [Fact]
    public async Task Settings_UnknownTenant_NotFound()
    {
        // Act
        using var get = await Admin.GetAsync($"/api/admin/v1/tenants/{Guid.NewGuid()}/settings");
        using var put = await Admin.PutAsJsonAsync($"/api/admin/v1/tenants/{Guid.NewGuid()}/settings", new TenantSettingsRequest(3));

        // Assert
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound, ProblemCodes.NotFound);
        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.NotFound, ProblemCodes.NotFound);
    }

    private async Task<UseLicenseContent> AcquireAsync(string license)
    {
        using var response = await fixture.Bob.AcquireAsync(license);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return fixture.Bob.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
    }
}
