using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>`rms admin activate --org NAME --region REGION --domain DOMAIN [--domain ...]`.</summary>
internal static class AdminActivateCommand
{
    public static Command Create(CliContext context)
    {
        var org = new Option<string>("--org") { Description = "The organisation's name", Required = true, HelpName = "NAME" };
        var region = new Option<string>("--region") { Description = "The security world (HSM region) that holds its keys", Required = true, HelpName = "REGION" };
        var domains = new Option<string[]>("--domain") { Description = "An e-mail domain of the organisation (repeatable)", Required = true, HelpName = "DOMAIN" };

        var command = new Command("activate", "Activate an organisation: create its tenant and its keys") { org, region, domains };
        command.SetAction((result, ct) => RunAsync(context, result.GetValue(org)!, result.GetValue(region)!, result.GetValue(domains)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string org, string region, string[] domains, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(org) || string.IsNullOrWhiteSpace(region) || domains.Any(string.IsNullOrWhiteSpace))
        {
            throw new UsageException("--org, --region and every --domain need a value");
        }

        using var client = context.CreateClient(context.RequireProfile(), identity: null);
        var tenant = await client.ActivateTenantAsync(new ActivateTenantRequest(org.Trim(), region.Trim(), [.. domains.Select(d => d.Trim())]), ct);
        await context.Out.WriteLineAsync(
            $"Activated {tenant.Name} ({tenant.Id}) in region {tenant.Region} for {string.Join(", ", tenant.Domains)}; active key {tenant.ActiveKeyId}.");
        return ExitCodes.Success;
    }
}
