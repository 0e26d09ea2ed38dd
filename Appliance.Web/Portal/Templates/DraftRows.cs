using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Appliance.Web.Portal.Templates;

/// <summary>
/// The Remove button of each language and grant row. The page is static, so the button itself says which row: it
/// posts the row's index under <see cref="DraftFields.RemoveLanguage"/> or <see cref="DraftFields.RemoveGrant"/>,
/// and the rest of the draft is read back as typed, the other rows in their order.
/// </summary>
public static class DraftRows
{
    /// <summary>Drops the row the post asked to remove; false when it asked for none, or for no row there is.</summary>
    public static bool Remove(TemplateDraft draft, Func<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(form);
        return RemoveAt(draft.Texts, form(DraftFields.RemoveLanguage)) || RemoveAt(draft.Grants, form(DraftFields.RemoveGrant));
    }

    /// <summary>The last row is not offered for removal: the rules need a name and a grant, and it is there to fill in.</summary>
    public static bool CanRemove<T>(IReadOnlyCollection<T> rows) => rows.Count > 1;

    /// <summary>The Remove button's accessible name: which language, or the row's number while it has none.</summary>
    public static string LanguageLabel(TextDraft text, int index) =>
        "Remove language " + (string.IsNullOrWhiteSpace(text.Language) ? RowNumber(index) : text.Language.Trim());

    /// <summary>The Remove button's accessible name: whose grant, or the row's number while it names nobody.</summary>
    public static string GrantLabel(GrantDraft grant, int index) =>
        "Remove grant " + (grant.AllUsers ? "to all users of the organisation"
            : string.IsNullOrWhiteSpace(grant.Principal) ? RowNumber(index)
            : grant.Principal.Trim());

    private static string RowNumber(int index) => string.Create(CultureInfo.InvariantCulture, $"row {index + 1}");

    private static bool RemoveAt<T>(List<T> rows, StringValues posted)
    {
        if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= rows.Count || !CanRemove(rows))
        {
            return false;
        }

        rows.RemoveAt(index);
        return true;
    }
}
