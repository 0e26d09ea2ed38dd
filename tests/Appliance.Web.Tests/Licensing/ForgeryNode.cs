using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Documents;
using Appliance.Web.Tests.Support;

namespace Appliance.Web.Tests.Licensing;

/// <summary>
/// A node with two organisations for the forgery tests: Contoso (alice publishes, bob and eve receive) and Fabrikam
/// (frank), all bootstrapped, and the built-in administrator. Each test publishes its own documents.
/// </summary>
public sealed class ForgeryNode : IAsyncLifetime
{
    public ApplianceFactory Node { get; } = new(regions: ["emea"]);

    public Publisher Alice { get; private set; } = null!;

    public Publisher Bob { get; private set; } = null!;

    public Publisher Eve { get; private set; } = null!;

    public Publisher Frank { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.ActivateTenantAsync("Contoso, Ltd", "emea", "contoso.test");
        await Node.ActivateTenantAsync("Fabrikam, Inc", "emea", "fabrikam.test");
        foreach (var user in new[] { "alice@contoso.test", "bob@contoso.test", "eve@contoso.test", "frank@fabrikam.test" })
        {
            await Node.AddUserAsync(user, $"password of {user} 1");
        }

        Admin = await Node.SignInAdminAsync();
        Alice = await BootstrapAsync("alice@contoso.test");
        Bob = await BootstrapAsync("bob@contoso.test");
        Eve = await BootstrapAsync("eve@contoso.test");
        Frank = await BootstrapAsync("frank@fabrikam.test");
    }

    public async Task DisposeAsync()
    {
        foreach (var publisher in new[] { Alice, Bob, Eve, Frank })
        {
            publisher.Http.Dispose();
            publisher.Dispose();
        }

        Admin.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>Asks for a licence; the use licence's content when granted, else the problem's members but its trace id.</summary>
    public static async Task<(HttpStatusCode Status, UseLicenseContent? License, string Problem)> AcquireAsync(Publisher who, string license)
    {
        using var response = await who.AcquireAsync(license);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, who.Verify(JsonSerializer.Deserialize<AcquireLicenseResponse>(body, JsonSerializerOptions.Web)!.UseLicense), string.Empty)
            : (response.StatusCode, null, ProblemWithoutTrace(body));
    }

    /// <summary>A problem body as the caller sees it, without the per-request trace id, to compare two answers.</summary>
    public static string ProblemWithoutTrace(string body)
    {
        var members = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        members.Remove("traceId");
        return string.Join("\n", members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value.GetRawText()}"));
    }

    /// <summary>The content key of a document <paramref name="recipient"/> may open, taken from their own use licence.</summary>
    public static async Task<byte[]> ContentKeyAsync(Publisher recipient, string license)
    {
        using var response = await recipient.AcquireAsync(license);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return recipient.ContentKeyOf((await response.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
    }

    public static Task<(string License, Guid ContentId)> PublishAsync(Publisher owner, params RightsGrant[] grants) =>
        DocumentsNode.PublishAsync(owner, null, grants);

    private async Task<Publisher> BootstrapAsync(string user) =>
        await Publisher.BootstrapAsync(await Node.SignInAsync(user, $"password of {user} 1"));
}
