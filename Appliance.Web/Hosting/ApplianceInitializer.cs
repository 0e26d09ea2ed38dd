using Appliance.Data;
using Appliance.Hsm;
using Appliance.Web.Identity;

namespace Appliance.Web.Hosting;

/// <summary>
/// Migrates the database and seeds first-start state. It runs as a hosted service, which the host
/// starts before the server takes requests, so <c>/health</c> answers only once this is done.
/// </summary>
internal sealed class ApplianceInitializer(IServiceProvider services, ApplianceConsole console) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Open every configured HSM partition now: a missing module, token or wrong PIN stops the node at
        // start-up with a clear error instead of failing its first licence request.
        _ = services.GetRequiredService<ITenantKeyVault>();
        // Hashed now, not by the first sign-in of an unknown name, which would take two hashes' time.
        _ = services.GetRequiredService<DummyPasswordHash>();
        await ApplianceDatabase.MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(console.Out, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The terminal that started the appliance: where a once-only secret such as the generated admin
/// password goes instead of the log. Tests replace it to capture that line.
/// </summary>
public sealed class ApplianceConsole(TextWriter output)
{
    public TextWriter Out { get; } = output;
}
