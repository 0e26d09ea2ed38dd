using System.CommandLine;
using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin service add NAME [--admin]` and `rms admin service access list|set|remove CLIENT_ID`: service principals
/// (search, indexing, automation) and which organisation's content each may read.
/// </summary>
internal static class AdminServiceCommand
{
    public static Command Create(CliContext context)
    {
        var access = new Command("access", "Which organisation's content a service may read")
        {
            ListAccessCommand(context), SetAccessCommand(context), RemoveAccessCommand(context),
        };
        return new Command("service", "Manage service principals (client credentials)") { AddCommand(context), access };
    }

    private static Command AddCommand(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Letters, digits, '-', '_' or '.'; the client id is svc-NAME" };
        var admin = new Option<bool>("--admin") { Description = "Make the service a global administrator" };
        var command = new Command("add", "Create a service; its secret is printed once, on standard output") { name, admin };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var created = await client.CreateServiceAsync(new CreateServiceRequest(result.GetValue(name)!, result.GetValue(admin)), ct);
            await context.Out.WriteLineAsync($"client-id: {created.ClientId}");
            await context.Out.WriteLineAsync($"client-secret: {created.ClientSecret}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListAccessCommand(CliContext context)
    {
        var clientId = ClientIdArgument();
        var command = new Command("list", "List what the service may read: TENANT<TAB>all|template ids<TAB>rights") { clientId };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var access in await client.ListServiceContentAccessAsync(result.GetValue(clientId)!.Trim(), ct))
            {
                await WriteAsync(context, access);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command SetAccessCommand(CliContext context)
    {
        var clientId = ClientIdArgument();
        var tenantOption = AdminTenantOption.Create();
        var templates = new Option<string[]>("--template")
        {
            Description = "Only content protected with this template (its id or name; repeatable); default: all of the organisation's content",
            HelpName = "ID|NAME",
        };
        var rights = new Option<string>("--rights") { Description = "Comma-separated rights (default: VIEW,EXTRACT)", HelpName = "RIGHTS" };
        var command = new Command("set", "Let the service read an organisation's content (replaces what it had there)")
        {
            clientId, tenantOption, templates, rights,
        };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            var named = result.GetValue(templates) ?? [];
            IReadOnlyList<Guid>? templateIds = named.Length == 0 ? null : await TemplateIdsAsync(client, tenant, named, ct);
            var rightList = result.GetValue(rights)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var access = await client.SetServiceContentAccessAsync(
                result.GetValue(clientId)!.Trim(), tenant.Id, new ServiceContentAccessRequest(templateIds, rightList), ct);
            await WriteAsync(context, access);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RemoveAccessCommand(CliContext context)
    {
        var clientId = ClientIdArgument();
        var tenantOption = AdminTenantOption.Create();
        var command = new Command("remove", "Stop the service reading an organisation's content") { clientId, tenantOption };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var tenant = await AdminTenantOption.ResolveAsync(client, result.GetValue(tenantOption), ct);
            var id = result.GetValue(clientId)!.Trim();
            await client.RemoveServiceContentAccessAsync(id, tenant.Id, ct);
            await context.Out.WriteLineAsync($"{id} can no longer read the content of {tenant.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Argument<string> ClientIdArgument() => new("CLIENT_ID") { Description = "The service's client id (svc-...)" };

    private static async Task<IReadOnlyList<Guid>> TemplateIdsAsync(RmsClient client, TenantSummary tenant, string[] named, CancellationToken ct)
    {
        var known = await client.ListTemplatesAsync(tenant.Id.ToString(), ct);
        var ids = new List<Guid>();
        foreach (var wanted in named.Select(n => n.Trim()))
        {
            var match = Guid.TryParse(wanted, out var id)
                ? known.FirstOrDefault(t => t.Id == id)
                : known.FirstOrDefault(t => t.Names.Any(n => string.Equals(n.Text, wanted, StringComparison.OrdinalIgnoreCase)));
            ids.Add(match?.Id ?? throw new UsageException($"{tenant.Name} has no template '{wanted}'"));
        }

        return ids;
    }

    private static Task WriteAsync(CliContext context, ServiceContentAccess access) =>
        context.Out.WriteLineAsync(string.Join('\t',
            access.TenantId.ToString(),
            access.TemplateIds is null ? "all" : string.Join(",", access.TemplateIds),
            string.Join(",", access.Rights),
            access.GrantedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
}
