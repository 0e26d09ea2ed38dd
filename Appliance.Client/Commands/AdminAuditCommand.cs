using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin audit chains|verify|checkpoint [--tenant ...|--appliance]`: prove the usage log was not altered. Verify
/// exits with <see cref="ExitCodes.AuditFailed"/> when any chain breaks, so a scheduled job can alert on it.
/// </summary>
internal static class AdminAuditCommand
{
    private const string ApplianceChain = "appliance";

    public static Command Create(CliContext context) =>
        new("audit", "Verify and seal the usage log's hash chains")
        {
            Chains(context),
            Verify(context),
            Checkpoint(context),
        };

    private static Command Chains(CliContext context)
    {
        var command = new Command("chains", "List the chains: one per organisation, one for the appliance");
        command.SetAction(async (_, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var chain in await client.ListUsageChainsAsync(ct))
            {
                var sealedAt = chain.LastCheckpointSequence is { } at
                    ? $"checkpoint at {at} ({Time(chain.LastCheckpointAt!.Value)})"
                    : "no checkpoint";
                await context.Out.WriteLineAsync($"{chain.Organisation ?? chain.Chain}\t{chain.Chain}\t{chain.HeadSequence} entries\t{sealedAt}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var (tenant, appliance) = (AdminTenantOption.Create(), ApplianceOption());
        tenant.Description = "Verify only this organisation's chain (default: every chain)";
        var command = new Command("verify", "Check every entry and signed checkpoint; name the first altered, deleted, reordered or missing entry")
        {
            tenant, appliance,
        };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var chain = await ChainAsync(client, result.GetValue(tenant), result.GetValue(appliance), required: false, ct);
            var verification = await client.VerifyUsageLogAsync(chain, ct);
            foreach (var report in verification.Chains)
            {
                await context.Out.WriteLineAsync(Describe(report));
            }

            return verification.Intact ? ExitCodes.Success : ExitCodes.AuditFailed;
        });
        return command;
    }

    private static Command Checkpoint(CliContext context)
    {
        var (tenant, appliance) = (AdminTenantOption.Create(), ApplianceOption());
        var command = new Command("checkpoint", "Sign a chain's current head in the HSM now") { tenant, appliance };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var chain = await ChainAsync(client, result.GetValue(tenant), result.GetValue(appliance), required: true, ct);
            var checkpoint = await client.CreateUsageCheckpointAsync(chain!, ct);
            await context.Out.WriteLineAsync(
                $"checkpoint: {checkpoint.Chain} at entry {checkpoint.Sequence}, head {checkpoint.HeadHash}, signed with {checkpoint.KeyId} ({checkpoint.Algorithm})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<bool> ApplianceOption() => new("--appliance")
    {
        Description = "The appliance's own chain: requests that concern no organisation",
    };

    private static async Task<string?> ChainAsync(RmsClient client, string? tenant, bool appliance, bool required, CancellationToken ct)
    {
        if (appliance)
        {
            return tenant is null ? ApplianceChain : throw new UsageException("give --tenant or --appliance, not both");
        }

        return tenant is null && !required ? null : (await AdminTenantOption.ResolveAsync(client, tenant, ct)).Id.ToString("D");
    }

    private static string Describe(AuditChainVerification report)
    {
        var name = report.Organisation ?? report.Chain;
        var range = report.EntriesChecked == 0 ? "no entries" : $"entries {report.FirstSequence}-{report.LastSequence}";
        return report.Problem is { } problem
            ? $"{name}: BROKEN ({problem.Kind.ToString().ToLowerInvariant()}): {problem.Message}"
            : $"{name}: intact, {range}, {report.CheckpointsChecked} checkpoint(s), head {report.HeadHash}";
    }

    private static string Time(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
