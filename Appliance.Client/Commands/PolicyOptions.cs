using System.CommandLine;
using System.CommandLine.Parsing;
using Appliance.Client.Cli;

namespace Appliance.Client.Commands;

/// <summary>
/// The options that say whom a document is protected for, shared by `rms protect` and `rms reprotect`: ad-hoc
/// grants, a template, or Do Not Forward for named recipients; grants and Do Not Forward take --expires and
/// --offline-days, a template decides them itself.
/// </summary>
internal sealed class PolicyOptions
{
    public Option<string[]> Grants { get; } = new("--grant")
    {
        Description = $"Who may do what: {GrantParser.Syntax} (repeatable; or use --template or --do-not-forward)",
        HelpName = GrantParser.Syntax,
    };

    public Option<string> Template { get; } = new("--template")
    {
        Description = "Protect with a template (its name or id; rms templates lists yours) instead of --grant",
        HelpName = "NAME",
    };

    public Option<bool> DoNotForward { get; } = new("--do-not-forward")
    {
        Description = "Do Not Forward, for e-mail: each recipient may view, reply and edit, but not forward, print, copy or unprotect",
    };

    public Option<string[]> To { get; } = new("--to")
    {
        Description = $"The recipients of --do-not-forward: {RecipientArguments.Syntax} (repeatable; default for an .eml file: its To, Cc and Bcc)",
        HelpName = RecipientArguments.Syntax,
    };

    public Option<string> Expires { get; } = new("--expires") { Description = ExpiryArgument.Description, HelpName = ExpiryArgument.Syntax };

    public Option<int?> OfflineDays { get; } = new("--offline-days")
    {
        Description = "Days a licence may be used without asking the appliance again (0: ask every time)",
        HelpName = "DAYS",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Grants);
        command.Options.Add(Template);
        command.Options.Add(DoNotForward);
        command.Options.Add(To);
        command.Options.Add(Expires);
        command.Options.Add(OfflineDays);
        command.Validators.Add(Validate);
    }

    public PolicyRequest Read(ParseResult result) => new(
        result.GetValue(Grants) ?? [],
        result.GetValue(Template),
        result.GetValue(DoNotForward),
        result.GetValue(To) ?? [],
        result.GetValue(Expires),
        result.GetValue(OfflineDays));

    private void Validate(CommandResult result)
    {
        var byGrant = result.GetResult(Grants) is not null;
        var byTemplate = result.GetResult(Template) is not null;
        var doNotForward = result.GetValue(DoNotForward);
        var limits = result.GetResult(Expires) is not null || result.GetResult(OfflineDays) is not null;
        if (!byGrant && !byTemplate && !doNotForward)
        {
            result.AddError("Option '--grant', '--template' or '--do-not-forward' is required.");
        }
        else if (byTemplate && (byGrant || doNotForward || limits))
        {
            // The template decides who gets what, until when and for how long offline; the appliance checks it did.
            result.AddError("--template goes without --grant, --do-not-forward, --expires and --offline-days: the template decides them.");
        }
        else if (doNotForward && byGrant)
        {
            result.AddError("--do-not-forward goes without --grant: it gives every recipient the same rights.");
        }
        else if (result.GetResult(To) is not null && !doNotForward)
        {
            result.AddError("--to goes with --do-not-forward.");
        }
    }
}
