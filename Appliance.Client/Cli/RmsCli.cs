using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Appliance.Client.Commands;

namespace Appliance.Client.Cli;

/// <summary>
/// The `rms` command line. <see cref="RunAsync"/> touches no process-wide state (environment variables,
/// console, signal handlers): everything comes from the <see cref="RmsCliEnvironment"/>.
/// </summary>
public static class RmsCli
{
    public const string Name = "rms";

    /// <summary>Runs one `rms` command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, RmsCliEnvironment env, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        using var context = new CliContext(env);
        try
        {
            var parseResult = BuildCommand(context).Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                return ReportParseErrors(parseResult, env.Error);
            }

            var invocation = new InvocationConfiguration
            {
                Output = context.Out,
                Error = env.Error,
                // Failures are reported by ErrorReporter, and Ctrl+C belongs to Program, not to a library call.
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorReporter.Report(ex, env.Error);
        }
    }

    internal static Command BuildCommand(CliContext context) =>
        new(Name, "Protect files and open protected files with the rights-management appliance")
        {
            new HelpOption(),
            new VersionOption(),
            LoginCommand.Create(context),
            LogoutCommand.Create(context),
            ProtectCommand.Create(context),
            ReprotectCommand.Create(context),
            UnprotectCommand.Create(context),
            ViewCommand.Create(context),
            InfoCommand.Create(context),
            TemplatesCommand.Create(context),
            DocumentsCommand.Create(context),
            TrackCommand.Create(context),
            RevokeCommand.Create(context, revokes: true),
            RevokeCommand.Create(context, revokes: false),
            AdminCommand.Create(context),
        };

    private static int ReportParseErrors(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine(parseError.Message);
        }

        error.WriteLine($"Run '{CommandPath(parseResult.CommandResult)} --help' for usage.");
        error.Flush();
        return ExitCodes.Usage;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Push(command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
