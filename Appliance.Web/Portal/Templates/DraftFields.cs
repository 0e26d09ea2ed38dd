using System.Globalization;

namespace Appliance.Web.Portal.Templates;

/// <summary>The form field names of the wizard, shared by the step components and <see cref="TemplateDraft.Read"/>.</summary>
public static class DraftFields
{
    public const string FormName = "template-wizard";
    public const string Tenant = "tenant";
    public const string TextCount = "texts";
    public const string GrantCount = "grants";
    public const string ExpiryMode = "expiry";
    public const string ExpiryDate = "expiryDate";
    public const string ExpiryDays = "expiryDays";
    public const string OfflineMode = "offline";
    public const string OfflineDays = "offlineDays";
    public const string ScopeMode = "scope";
    public const string ScopeGroups = "scopeGroups";
    public const string Status = "status";

    /// <summary>The step the posted form was showing, and the button pressed.</summary>
    public const string Step = "step";
    public const string Go = "go";

    /// <summary>A row's own Remove button: posted instead of <see cref="Go"/>, its value the row's index.</summary>
    public const string RemoveLanguage = "remove-language";
    public const string RemoveGrant = "remove-grant";

    public static string Language(int i) => Indexed("language", i);

    public static string Name(int i) => Indexed("name", i);

    public static string Description(int i) => Indexed("description", i);

    public static string Principal(int i) => Indexed("principal", i);

    public static string AllUsers(int i) => Indexed("allUsers", i);

    public static string Preset(int i) => Indexed("preset", i);

    public static string Rights(int i) => Indexed("rights", i);

    private static string Indexed(string name, int i) => string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");
}
