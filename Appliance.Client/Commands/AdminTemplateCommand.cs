using System.CommandLine;
using Appliance.Client.Cli;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Commands;

/// <summary>
/// `rms admin template list|show|add|archive|publish|copy|delete`: template administration for scripts (needs the
/// Administrator or TemplateAdministrator role). TEMPLATE is a template id.
/// </summary>
internal static class AdminTemplateCommand
{
    public static Command Create(CliContext context) => new("template", "Manage rights policy templates")
    {
        ListCommand(context),
        ShowCommand(context),
        AddCommand(context),
        ChangeCommand(context, "archive", "Archive a template: it still opens content, but cannot protect new content", (c, id, ct) => c.ArchiveTemplateAsync(id, ct), "Archived"),
        ChangeCommand(context, "publish", "Publish a template to the users in its scope", (c, id, ct) => c.PublishTemplateAsync(id, ct), "Published"),
        ChangeCommand(context, "copy", "Copy a template (the copy is archived until published)", (c, id, ct) => c.CopyTemplateAsync(id, ct), "Copied to"),
        ChangeCommand(context, "delete", "Delete a template no content was protected with", (c, id, ct) => c.DeleteTemplateAsync(id, ct), "Deleted"),
    };

    private static Option<string> TenantOption() =>
        new("--tenant") { Description = "The organisation: its id, one of its domains, or its name", Required = true, HelpName = "TENANT" };

    private static Command ListCommand(CliContext context)
    {
        var tenant = TenantOption();
        var command = new Command("list", "List an organisation's templates: id, status, name, scope") { tenant };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            foreach (var t in await client.ListTemplatesAsync(result.GetValue(tenant)!, ct))
            {
                await context.Out.WriteLineAsync($"{t.Id}\t{t.Status}\t{t.Names[0].Text}\t{(t.Scope is null ? "everyone" : string.Join(',', t.Scope))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var id = TemplateArgument();
        var command = new Command("show", "Show a template") { id };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var t = await client.GetTemplateAsync(TemplateId(result.GetValue(id)!), ct);
            var lines = new List<string> { $"id: {t.Id}", $"status: {t.Status}{(t.IsDefault ? " (default)" : string.Empty)}{(t.Used ? ", used" : string.Empty)}" };
            lines.AddRange(t.Names.Select(n => $"name {n.Language}: {n.Text}"));
            lines.AddRange(t.Descriptions.Select(d => $"description {d.Language}: {d.Text.ReplaceLineEndings(" ")}"));
            lines.AddRange(t.Grants.Select(g => $"grant: {g.Principal}={(g.Preset is null ? string.Empty : g.Preset + " ")}{string.Join(',', g.Rights ?? [])}"));
            lines.Add($"expires: {TemplatesCommand.Expiry(t.Expiry)}");
            lines.Add($"offline: {(t.Offline.Mode == TemplateModes.Days ? $"{t.Offline.Days} days" : t.Offline.Mode)}");
            lines.Add($"scope: {(t.Scope is null ? "everyone" : string.Join(", ", t.Scope))}");
            foreach (var line in lines)
            {
                await context.Out.WriteLineAsync(line);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command AddCommand(CliContext context)
    {
        var tenant = TenantOption();
        var names = new Option<string[]>("--name") { Description = "The name in one language (repeatable)", Required = true, HelpName = TemplateArguments.TextSyntax };
        var descriptions = new Option<string[]>("--description") { Description = "The description in one language, the same languages as the names (repeatable)", Required = true, HelpName = TemplateArguments.TextSyntax };
        var grants = new Option<string[]>("--grant")
        {
            Description = $"Who gets what: an e-mail address or '{TemplatePrincipals.Organization}' (everyone in the organisation), then a preset ({string.Join(", ", TemplatePresets.Names)}) or rights (repeatable)",
            Required = true,
            HelpName = TemplateArguments.GrantSyntax,
        };
        var expires = new Option<string>("--expires") { Description = "When content expires (default never)", HelpName = TemplateArguments.ExpirySyntax, DefaultValueFactory = _ => TemplateModes.Never };
        var offline = new Option<string>("--offline") { Description = "Offline access (default 7d; always is the organisation's maximum)", HelpName = TemplateArguments.OfflineSyntax, DefaultValueFactory = _ => "7d" };
        var scope = new Option<string[]>("--scope") { Description = "Offer the template only to members of this group (repeatable; default everyone)", HelpName = "GROUP" };
        var command = new Command("add", "Create a published template") { tenant, names, descriptions, grants, expires, offline, scope };
        command.SetAction(async (result, ct) =>
        {
            var scopeGroups = result.GetValue(scope);
            var request = new TemplateRequest(
                [.. result.GetValue(names)!.Select(v => TemplateArguments.Text("--name", v))],
                [.. result.GetValue(descriptions)!.Select(v => TemplateArguments.Text("--description", v))],
                [.. result.GetValue(grants)!.Select(TemplateArguments.Grant)],
                TemplateArguments.Expiry(result.GetValue(expires)!),
                TemplateArguments.Offline(result.GetValue(offline)!),
                scopeGroups is { Length: > 0 } ? scopeGroups : null);
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var created = await client.CreateTemplateAsync(result.GetValue(tenant)!, request, ct);
            await context.Out.WriteLineAsync($"Created template '{created.Names[0].Text}' ({created.Id}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ChangeCommand(
        CliContext context, string name, string description, Func<Sdk.RmsClient, Guid, CancellationToken, Task<TemplateDetails>> change, string done)
    {
        var id = TemplateArgument();
        var command = new Command(name, description) { id };
        command.SetAction(async (result, ct) =>
        {
            using var client = context.CreateClient(context.RequireProfile(), identity: null);
            var changed = await change(client, TemplateId(result.GetValue(id)!), ct);
            await context.Out.WriteLineAsync($"{done} template '{changed.Names[0].Text}' ({changed.Id}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Argument<string> TemplateArgument() => new("TEMPLATE") { Description = "The template's id (rms admin template list shows it)" };

    private static Guid TemplateId(string value) =>
        Guid.TryParse(value.Trim(), out var id) ? id : throw new UsageException($"'{value}' is not a template id; rms admin template list --tenant TENANT shows them");
}
