namespace Appliance.Crypto.Protocol;

/// <summary>The spellings of template modes and statuses on the wire.</summary>
public static class TemplateModes
{
    public const string Never = "never";
    public const string Date = "date";
    public const string Days = "days";
    public const string Always = "always";

    public const string Published = "published";
    public const string Archived = "archived";

    public static IReadOnlyList<string> ExpiryModes { get; } = [Never, Date, Days];

    public static IReadOnlyList<string> OfflineModes { get; } = [Always, Never, Days];

    public static IReadOnlyList<string> Statuses { get; } = [Published, Archived];
}

/// <summary>Principals that are not an address.</summary>
public static class TemplatePrincipals
{
    /// <summary>
    /// Every user of the document's organisation (never an external recipient). It has no <c>@</c>, so it can
    /// never be a user's or a group's address; it travels in the policy as it is (docs/format.md, 5.1).
    /// </summary>
    public const string Organization = "organization";
}
