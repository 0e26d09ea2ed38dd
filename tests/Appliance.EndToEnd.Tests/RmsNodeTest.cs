using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// A test class whose every test gets a node of its own (the emea region, SQLite) and a scratch folder, removed
/// afterwards, with one `rms` profile folder per person who signs in.
/// </summary>
public abstract class RmsNodeTest : IAsyncLifetime
{
    protected ApplianceFactory Node { get; } = new(regions: ["emea"]);

    protected string Work { get; } = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;

    protected string Server => Node.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Seeds what every test of the class needs (organisations, users).</summary>
    public abstract Task InitializeAsync();

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>`rms login --user USER --password-stdin` in a profile folder named <paramref name="name"/>.</summary>
    protected async Task<RmsRunner> SignedInAsync(string name, string user, string password)
    {
        var rms = new RmsRunner(Path.Combine(Work, name));
        (await rms.RunWithInputAsync(password + "\n", "login", "--server", Server, "--user", user, "--password-stdin")).Succeeded();
        return rms;
    }
}
