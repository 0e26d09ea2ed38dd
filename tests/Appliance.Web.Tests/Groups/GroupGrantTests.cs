using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Groups;

public sealed class GroupGrantTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["na"]);
    private HttpClient _admin = null!;
    private Publisher _alice = null!;
    private Publisher _dave = null!;
    private Publisher _carol = null!;

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        await _node.ActivateTenantAsync("Fabrikam", "na", "fabrikam.test");
        foreach (var user in new[] { "alice", "dave", "carol" })
        {
            await _node.AddUserAsync($"{user}@contoso.test", $"password of {user} 1");
        }

        _admin = await _node.SignInAdminAsync();
        _alice = await Publisher.BootstrapAsync(await _node.SignInAsync("alice@contoso.test", "password of alice 1"));
        _dave = await Publisher.BootstrapAsync(await _node.SignInAsync("dave@contoso.test", "password of dave 1"));
        _carol = await Publisher.BootstrapAsync(await _node.SignInAsync("carol@contoso.test", "password of carol 1"));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _dave.Dispose();
        _carol.Dispose();
        await _node.DisposeAsync();
    }

    private async Task GroupAsync(string email)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/v1/groups", new CreateGroupRequest(email, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<HttpResponseMessage> AddAsync(string group, string member) =>
        await _admin.PostAsJsonAsync($"/api/admin/v1/groups/{group}/members", new AddMemberRequest(member));

    private static async Task<IReadOnlyList<string>?> RightsAsync(Publisher reader, string license)
    {
        using var response = await reader.AcquireAsync(license);
        return response.StatusCode == HttpStatusCode.OK
            ? reader.Verify((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense).Rights
            : null;
    }

    [Fact]
    public async Task Acquire_GrantsToNestedGroups_MemberGetsTheUnionOthersNothing()
    {
        // Arrange - dave is in emea-sales, which is in sales; each group has its own grant.
        await GroupAsync("sales@contoso.test");
        await GroupAsync("emea-sales@contoso.test");
        (await AddAsync("sales@contoso.test", "emea-sales@contoso.test")).EnsureSuccessStatusCode();
        (await AddAsync("emea-sales@contoso.test", "dave@contoso.test")).EnsureSuccessStatusCode();
        var (license, _, _) = await _alice.PublishAsync(
            new RightsGrant("sales@contoso.test", ["VIEW"]),
            new RightsGrant("emea-sales@contoso.test", ["PRINT"]));

        // Act
        var dave = await RightsAsync(_dave, license);
        var carol = await RightsAsync(_carol, license);

        // Assert
        Assert.Equal(["VIEW", "PRINT"], dave);
        Assert.Null(carol);
    }

    [Fact]
    public async Task Acquire_GroupCycle_WalkEndsAndGrantStillReachesMembers()
    {
        // Arrange - a ⊃ b ⊃ a: a cycle must neither hang nor lose the grant.
        await GroupAsync("a@contoso.test");
        await GroupAsync("b@contoso.test");
        (await AddAsync("a@contoso.test", "b@contoso.test")).EnsureSuccessStatusCode();
        (await AddAsync("b@contoso.test", "a@contoso.test")).EnsureSuccessStatusCode();
        (await AddAsync("b@contoso.test", "dave@contoso.test")).EnsureSuccessStatusCode();
        var (license, _, _) = await _alice.PublishAsync(new RightsGrant("a@contoso.test", ["VIEW"]));

        // Act + Assert
        Assert.Equal(["VIEW"], await RightsAsync(_dave, license));
    }

    [Fact]
    public async Task Acquire_AfterMemberRemoved_RefusedAtTheNextRequest()
    {
        await GroupAsync("team@contoso.test");
        (await AddAsync("team@contoso.test", "dave@contoso.test")).EnsureSuccessStatusCode();
        var (license, _, _) = await _alice.PublishAsync(new RightsGrant("team@contoso.test", ["VIEW"]));
        Assert.Equal(["VIEW"], await RightsAsync(_dave, license));

        using var removed = await _admin.DeleteAsync("/api/admin/v1/groups/team@contoso.test/members/dave@contoso.test");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await RightsAsync(_dave, license));
    }

    [Fact]
    public async Task AddMember_OfAnotherOrganisation_Refused()
    {
        await GroupAsync("team@contoso.test");
        await GroupAsync("team@fabrikam.test");
        using var response = await AddAsync("team@contoso.test", "team@fabrikam.test");
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("another organisation", detail, StringComparison.Ordinal);
    }
}
