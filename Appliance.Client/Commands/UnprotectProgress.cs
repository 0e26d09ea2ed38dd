using Appliance.Client.Cli;
using Spectre.Console;

namespace Appliance.Client.Commands;

internal enum UnprotectResult
{
    Unprotected,
    Refused,
    Skipped,
    Failed,
}

/// <summary>What became of one file: <paramref name="Detail"/> is the output written, or one sentence saying why not.</summary>
internal sealed record UnprotectOutcome(UnprotectResult Result, string Path, string Detail)
{
    public string Line => Result switch
    {
        UnprotectResult.Unprotected => $"unprotected {Path} -> {Detail}",
        UnprotectResult.Refused => $"refused {Path}: {Detail}",
        UnprotectResult.Skipped => $"skipped {Path}: {Detail}",
        UnprotectResult.Failed => $"failed {Path}: {Detail}",
    };
}

/// <summary>Tells the user how `rms unprotect --recursive` is getting on, file by file.</summary>
internal interface IUnprotectProgress
{
    void Starting(string path);

    Task FinishedAsync(UnprotectOutcome outcome);
}

/// <summary>
/// A progress bar (files done / total, and the file being opened) when standard output is a terminal, with a line
/// above it for each file that was not unprotected; otherwise one plain line per file, for scripts and logs.
/// </summary>
internal static class UnprotectProgress
{
    private const int NameWidth = 48;

    /// <summary>The bar's lines: the bar and a blank line above and below.</summary>
    private const int MinimumHeight = 3;

    public static async Task RunAsync(CliContext context, int total, Func<IUnprotectProgress, Task> work)
    {
        // A terminal whose height is unknown (reported as 0) cannot hold a live display: Spectre fails drawing it.
        if (!context.Environment.IsTerminal || total == 0 || context.Console.Profile.Height < MinimumHeight)
        {
            await work(new PlainLines(context.Out));
            return;
        }

        var console = context.Console;

        // The CLI's console is set up never to prompt (not interactive); a live bar needs the capability, and
        // standard output is a terminal here. Without ANSI support Spectre falls back to occasional plain lines.
        console.Profile.Capabilities.Interactive = true;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Describe(0, total, string.Empty), maxValue: total);
                await work(new Bar(console, task, total));
            });
    }

    private static string Describe(int done, int total, string path)
    {
        // The bar's line has a fixed width: keep the end of a long path, where the file name is.
        var shown = path.Length <= NameWidth ? path : "…" + path[^(NameWidth - 1)..];
        return Markup.Escape($"{done}/{total} {shown}");
    }

    private sealed class PlainLines(TextWriter output) : IUnprotectProgress
    {
        public void Starting(string path)
        {
        }

        public Task FinishedAsync(UnprotectOutcome outcome) => output.WriteLineAsync(outcome.Line);
    }

    private sealed class Bar(IAnsiConsole console, ProgressTask task, int total) : IUnprotectProgress
    {
        private int _done;

        public void Starting(string path) => task.Description = Describe(_done, total, path);

        public Task FinishedAsync(UnprotectOutcome outcome)
        {
            _done++;
            task.Description = Describe(_done, total, outcome.Path);
            task.Increment(1);
            if (outcome.Result != UnprotectResult.Unprotected)
            {
                // Written through the console, so it appears above the bar rather than through it.
                console.WriteLine(outcome.Line);
            }

            return Task.CompletedTask;
        }
    }
}
