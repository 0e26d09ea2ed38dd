using Appliance.Crypto.Rights;

namespace Appliance.Crypto.Protocol;

/// <summary>
/// The role presets a template grant may use instead of a custom list. Their rights are the permission levels of
/// Azure Information Protection ("Rights included in permissions levels" in Microsoft's "Configure usage rights for
/// Azure Information Protection"), whose MSIPC and MIP SDK roles are VIEWER, REVIEWER, AUTHOR and COOWNER:
/// Viewer = Viewer, Restricted Editor = Reviewer, Editor = Co-Author, Owner = Co-Owner. Editor follows the Azure
/// portal's Co-Author, which leaves out Save As/Export (EXPORT): that table's footnote says only the retired classic
/// portal included it, and EXPORT is what lets a person remove protection.
/// </summary>
public static class TemplatePresets
{
    public const string Viewer = "Viewer";
    public const string RestrictedEditor = "RestrictedEditor";
    public const string Editor = "Editor";
    public const string Owner = "Owner";

    private static readonly Dictionary<string, IReadOnlyList<string>> Rights = new(StringComparer.Ordinal)
    {
        [Viewer] = Ordered(UsageRights.View, UsageRights.ViewRightsData, UsageRights.Reply, UsageRights.ReplyAll, UsageRights.ObjModel),
        [RestrictedEditor] = Ordered(
            UsageRights.View, UsageRights.ViewRightsData, UsageRights.DocEdit, UsageRights.Edit, UsageRights.Reply,
            UsageRights.ReplyAll, UsageRights.Forward, UsageRights.ObjModel),
        [Editor] = Ordered(
            UsageRights.View, UsageRights.ViewRightsData, UsageRights.DocEdit, UsageRights.Edit, UsageRights.Extract,
            UsageRights.Print, UsageRights.Reply, UsageRights.ReplyAll, UsageRights.Forward, UsageRights.ObjModel),
        [Owner] = Ordered(
            UsageRights.View, UsageRights.ViewRightsData, UsageRights.DocEdit, UsageRights.Edit, UsageRights.Extract,
            UsageRights.Export, UsageRights.Print, UsageRights.Reply, UsageRights.ReplyAll, UsageRights.Forward,
            UsageRights.ObjModel, UsageRights.EditRightsData, UsageRights.Owner),
    };

    /// <summary>The preset names, least to most.</summary>
    public static IReadOnlyList<string> Names { get; } = [Viewer, RestrictedEditor, Editor, Owner];

    /// <summary>
    /// The canonical name of <paramref name="name"/>, matched without regard to case, spaces or hyphens
    /// ("restricted editor", "Restricted-Editor"); null when it names no preset.
    /// </summary>
    public static string? Canonical(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var squeezed = new string([.. name.Where(c => c is not (' ' or '-' or '_'))]);
        return Names.FirstOrDefault(n => string.Equals(n, squeezed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The rights of a preset, in catalogue order.</summary>
    /// <exception cref="ArgumentException">Not a preset name.</exception>
    public static IReadOnlyList<string> RightsOf(string preset) =>
        Canonical(preset) is { } name ? Rights[name] : throw new ArgumentException($"Unknown preset '{preset}'.", nameof(preset));

    private static IReadOnlyList<string> Ordered(params string[] rights) => UsageRights.Parse(string.Join(',', rights));
}
