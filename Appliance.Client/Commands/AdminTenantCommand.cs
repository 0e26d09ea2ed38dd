using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin tenant list`, `rms admin tenant show [--tenant ...]` and
/// `rms admin tenant set [--tenant ...] --max-offline-days N`: the organisations and their own settings.
/// </summary>
internal static class AdminTenantCommand
{
    public static Command Create(CliContext context) =>
        new("tenant", "List the organisations, show or change an organisation's settings")
        {
            ListCommand(context), ShowCommand(context), SetCommand(context),
        };

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "List the activated organisations");
        command.SetAction(async (_, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var tenant in await client.ListTenantsAsync(ct))
            {
                await context.Out.WriteLineAsync(
                    $"{tenant.Id}\t{tenant.Name}\t{tenant.Region}\t{string.Join(",", tenant.Domains)}\tkey v{tenant.ActiveKeyVersion.ToString(CultureInfo.InvariantCulture)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var tenantOption = AdminTenantOption.Create();
        var command = new Command("show", "Show an organisation's settings") { tenantOption };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            await WriteAsync(context, await client.GetTenantSettingsAsync(tenant.Id, ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetCommand(CliContext context)
    {
        var tenantOption = AdminTenantOption.Create();
        var maxOfflineDays = new Option<int>("--max-offline-days")
        {
            Description = "The most days any licence of the organisation's content may be used without asking again (0: always ask)",
            Required = true,
            HelpName = "DAYS",
        };
        var command = new Command("set", "Change an organisation's settings") { tenantOption, maxOfflineDays };
        command.SetAction(async (result, ct) =>
        {
            var days = result.GetValue(maxOfflineDays);
            if (days < 0)
            {
                throw new UsageException("--max-offline-days must be 0 or more");
            }

            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            await WriteAsync(context, await client.SetTenantSettingsAsync(tenant.Id, new TenantSettingsRequest(days), ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, TenantSettings settings)
    {
        await context.Out.WriteLineAsync($"tenant: {settings.Name} ({settings.TenantId})");
        await context.Out.WriteLineAsync($"max-offline-days: {settings.MaxOfflineDays.ToString(CultureInfo.InvariantCulture)}");
    }
}
