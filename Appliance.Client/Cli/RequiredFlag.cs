using System.CommandLine;

namespace Appliance.Client.Cli;

/// <summary>
/// A flag that must be given, such as --password-stdin. System.CommandLine does not enforce
/// <see cref="Option.Required"/> on a bool option (its implicit default, false, satisfies it), so the
/// command checks it while parsing, with the same sentence as any other missing option.
/// </summary>
internal static class RequiredFlag
{
    public static Option<bool> Create(string name, string description) =>
        new(name) { Description = description + " (required)" };

    public static void Require(Command command, Option<bool> flag) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(flag) is null or { Implicit: true })
            {
                result.AddError($"Option '{flag.Name}' is required.");
            }
        });
}
