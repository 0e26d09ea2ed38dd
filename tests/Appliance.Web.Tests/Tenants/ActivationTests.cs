using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Protocol;
using Appliance.Hsm;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Tenants;

public sealed class ActivationTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["na", "apac"]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Activate_ValidRequest_KeysGeneratedInTheRegionsToken()
    {
        var tenant = await _node.ActivateTenantAsync("Northwind Traders", "apac", "Northwind.test", "northwind.test", "nw.test");

        Assert.Equal("apac", tenant.Region);
        Assert.Equal(["northwind.test", "nw.test"], tenant.Domains);
        Assert.Equal(1, tenant.ActiveKeyVersion);
        var vault = _node.Services.GetRequiredService<ITenantKeyVault>();
        Assert.True(vault.KeyExists("apac", tenant.ActiveKeyId));
        Assert.False(vault.KeyExists("na", tenant.ActiveKeyId));
    }

    [Theory]
    [InlineData("", "na", "a.test", "The organisation name is required.")]
    [InlineData("Org", "na", "not a domain", "'not a domain' is not an e-mail domain such as contoso.com.")]
    [InlineData("Org", "", "a.test", "The region must be a short name such as 'emea'.")]
    public async Task Activate_BadInput_PreciseValidationError(string org, string region, string domain, string expected)
    {
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/tenants", new ActivateTenantRequest(org, region, [domain]));
        Assert.Equal(expected, await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed));
    }

    [Fact]
    public async Task Activate_DomainOfAnotherTenant_ConflictAndNoKeysLeftBehind()
    {
        await _node.ActivateTenantAsync("First", "na", "shared.test");
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/tenants", new ActivateTenantRequest("Second", "na", ["shared.test"]));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, ProblemCodes.DomainInUse);
        Assert.Equal(1, await _node.QueryAsync(db => db.TenantKeys.CountAsync()));
    }

    [Fact]
    public async Task AdminApi_UserWithoutAdminRole_Forbidden()
    {
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 1");
        using var alice = await _node.SignInAsync("alice@contoso.test", "password of alice 1");
        using var response = await alice.GetAsync("/api/admin/v1/users");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task AddUser_DomainOfNoTenant_Refused()
    {
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/users", new CreateUserRequest("x@nowhere.test", "long enough password", false, null));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemCodes.UnknownDomain);
    }

    [Fact]
    public async Task AddUser_ShortPassword_IdentityMessage()
    {
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        using var admin = await _node.SignInAdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/v1/users", new CreateUserRequest("bob@contoso.test", "short", false, null));
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("12", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminActions_AreInTheUsageLog()
    {
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await _node.AddUserAsync("bob@contoso.test", "password of bob 123");
        var actions = await _node.QueryAsync(db => db.UsageLog.AsNoTracking().Where(e => e.RequestType == "Admin").Select(e => e.AdminAction).ToListAsync());
        Assert.Contains("ActivateTenant", actions);
        Assert.Contains("CreateUser bob@contoso.test", actions);
    }
}
