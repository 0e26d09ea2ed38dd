using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Crypto.Protocol;
using Appliance.Data.DirectorySync;
using Appliance.Data.Users;
using Appliance.TestSupport.Ldap;
using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Identity;

/// <summary>
/// Sign-in timing is measured alone: this collection runs after the parallel ones, with nothing else on the
/// machine's two cores from this test process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SignInSequence : ICollectionFixture<SignInNode>
{
    public const string Name = "sign-in";
}

/// <summary>
/// One node for the sign-in tests: Contoso with local users, an administrator-locked user, a user with an
/// authenticator, an external recipient without a password, and the seeded directory synced (alice, bob and dave
/// enabled; mallory disabled, so locked by the sync).
/// </summary>
public sealed class SignInNode : IAsyncLifetime
{
    public const string Locked = "locked@contoso.test";
    public const string WithAuthenticator = "tfa@contoso.test";
    public const string External = "outsider@example.test";
    public const string Disabled = "mallory@contoso.test";

    public static readonly string[] LdapUsers = ["alice@contoso.test", "bob@contoso.test", "dave@contoso.test"];

    public ApplianceFactory Node { get; } = new(regions: ["na"]);

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tenant = await Node.ActivateTenantAsync("Contoso", "na", "contoso.test");
        Admin = await Node.SignInAdminAsync();
        using var ldap = await Admin.PutAsJsonAsync($"/api/admin/v1/tenants/{tenant.Id}/ldap", new LdapDirectoryRequest(
            await SlapdTestServer.GetUrlAsync(), SlapdTestServer.SyncDn, SlapdTestServer.SyncPassword, SlapdTestServer.BaseDn,
            "(&(objectClass=inetOrgPerson)(uid=*))", "(objectClass=groupOfNames)", "(description=disabled)"));
        Assert.True(ldap.IsSuccessStatusCode, await ldap.Content.ReadAsStringAsync());
        using var sync = await Admin.PostAsync($"/api/admin/v1/tenants/{tenant.Id}/ldap/sync", null);
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync());

        await AddUserAsync(Locked);
        using var lockIt = await Admin.PostAsync($"/api/admin/v1/users/{Uri.EscapeDataString(Locked)}/lock", null);
        Assert.Equal(HttpStatusCode.NoContent, lockIt.StatusCode);

        await AddUserAsync(WithAuthenticator);
        using (var portal = new PortalClient(Node))
        {
            await portal.SignInAsync(WithAuthenticator, PasswordOf(WithAuthenticator));
            await portal.EnrolAsync();
        }

        // As an e-mail code sign-in creates them: no tenant, no password.
        await using var scope = Node.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplianceUser>>();
        var created = await users.CreateAsync(new ApplianceUser
        {
            UserName = External, Email = External, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow, Source = PrincipalSources.External,
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Node.DisposeAsync();
    }

    public static string PasswordOf(string user) => $"password of {user}";

    public Task AddUserAsync(string email) => Node.AddUserAsync(email, PasswordOf(email));

    /// <summary>Local users for wrong-password attempts, enough that none of them reaches the lockout's ten failures.</summary>
    public async Task<string[]> AddUsersAsync(string prefix, int count)
    {
        var users = Enumerable.Range(1, count).Select(i => $"{prefix}{i}@contoso.test").ToArray();
        foreach (var user in users)
        {
            await AddUserAsync(user);
        }

        return users;
    }

    /// <summary>A password grant as <c>rms login --user</c> sends it.</summary>
    public static async Task<Answer> TokenAsync(HttpClient client, string user, string password)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password,
            ["client_id"] = "rms-cli",
            ["scope"] = "openid offline_access rms",
        }));
        return await Answer.ReadAsync(response);
    }

    /// <summary>Everything a caller sees of an answer, but the Date header, which changes every second.</summary>
    public sealed record Answer(HttpStatusCode Status, string Headers, string Body)
    {
        public string? Error => Json("error");

        public string? Description => Json("error_description");

        public static async Task<Answer> ReadAsync(HttpResponseMessage response)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => !string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase))
                .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
                .Order(StringComparer.Ordinal);
            return new Answer(response.StatusCode, string.Join("\n", headers), await response.Content.ReadAsStringAsync());
        }

        private string? Json(string name) =>
            Body.StartsWith('{') && JsonDocument.Parse(Body).RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}

/// <summary>Medians of interleaved timed attempts.</summary>
internal static class SignInTiming
{
    /// <summary>
    /// Runs every kind of attempt once per round, starting each round at the next kind so that no kind always
    /// follows another, and answers each kind's median duration in milliseconds. Interleaving means that whatever
    /// else loads the machine meanwhile slows every kind alike; the median drops the odd garbage collection or
    /// neighbour's build. The first <paramref name="warmUp"/> rounds (JIT, connection, caches) are not counted.
    /// </summary>
    public static async Task<Dictionary<string, double>> MediansAsync(IReadOnlyList<(string Kind, Func<int, Task> Attempt)> kinds, int rounds, int warmUp)
    {
        var times = kinds.ToDictionary(k => k.Kind, _ => new List<double>());
        for (var round = 0; round < warmUp + rounds; round++)
        {
            for (var i = 0; i < kinds.Count; i++)
            {
                var (kind, attempt) = kinds[(round + i) % kinds.Count];
                var clock = Stopwatch.StartNew();
                await attempt(round);
                if (round >= warmUp)
                {
                    times[kind].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        return times.ToDictionary(t => t.Key, t => Median(t.Value));
    }

    public static string Describe(Dictionary<string, double> medians) =>
        string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:F1} ms"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
