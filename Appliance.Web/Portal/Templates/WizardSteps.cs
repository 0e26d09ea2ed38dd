namespace Appliance.Web.Portal.Templates;

/// <summary>The wizard's steps and which fields of a template request each one edits.</summary>
public static class WizardSteps
{
    public const int Names = 1;
    public const int Rights = 2;
    public const int Expiry = 3;
    public const int Scope = 4;
    public const int Review = 5;

    public static IReadOnlyList<string> Titles { get; } = ["Names and descriptions", "Rights", "Expiry and offline access", "Scope and status", "Review and save"];

    /// <summary>The step whose inputs edit <paramref name="field"/> (a path such as <c>grants[1].rights</c>).</summary>
    public static int Of(string field)
    {
        var root = (field ?? string.Empty).Split('.', '[')[0];
        return root switch
        {
            "names" or "descriptions" => Names,
            "grants" => Rights,
            "expiry" or "offline" => Expiry,
            "scope" or "status" => Scope,
            _ => Review,
        };
    }
}
