using System.Text;
using Appliance.Client.Cli;
using Appliance.Web.Tests.Portal;
using Appliance.Web.Tests.Support;

namespace Appliance.EndToEnd.Tests;

/// <summary>`rms login --server URL` with no password: the person approves the device in the portal.</summary>
public sealed class DeviceLoginTests : IAsyncLifetime
{
    private const string AlicePassword = "password of alice 123";
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", AlicePassword);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Login_ApprovedInThePortal_SignsInBootstrapsAndProtects()
    {
        var server = _node.BaseAddress.ToString().TrimEnd('/');
        var home = Path.Combine(_work, "alice");
        var terminal = new TerminalWriter();
        using var stdout = new MemoryStream();
        var environment = new RmsCliEnvironment { Home = home, In = new StringReader(string.Empty), Out = stdout, Error = terminal, IsTerminal = false };

        var login = RmsCli.RunAsync(["login", "--server", server], environment);
        var link = await terminal.Link.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var browser = new PortalClient(_node))
        {
            var verify = link.PathAndQuery;
            await browser.SignInAsync("alice@contoso.test", AlicePassword, verify);
            using var approved = await browser.PostFormAsync("/connect/verify", "device", new Dictionary<string, string>
            {
                ["user_code"] = Uri.UnescapeDataString(verify[(verify.IndexOf('=', StringComparison.Ordinal) + 1)..]),
                ["decision"] = "accept",
            }, tokenPage: verify);
            Assert.Equal("/connect/verify/approved", PortalClient.LocationPath(approved));
        }

        var exit = await login.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == ExitCodes.Success, terminal.ToString());
        Assert.Contains("as alice@contoso.test (Contoso)", Encoding.UTF8.GetString(stdout.ToArray()), StringComparison.Ordinal);
        var file = Path.Combine(_work, "plan.txt");
        await File.WriteAllTextAsync(file, "the plan");
        (await new RmsRunner(home).RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW")).Succeeded();
        Assert.True(File.Exists(Path.Combine(_work, "plan.ptxt")));
    }

    /// <summary>Standard error of the running command, which tells the person where to approve.</summary>
    private sealed class TerminalWriter : StringWriter
    {
        public TaskCompletionSource<Uri> Link { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            var open = value?.IndexOf("open ", StringComparison.Ordinal) ?? -1;
            if (open >= 0)
            {
                var url = value![(open + 5)..].Split(' ')[0];
                Link.TrySetResult(new Uri(url));
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
