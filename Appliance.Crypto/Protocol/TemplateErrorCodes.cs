namespace Appliance.Crypto.Protocol;

/// <summary>
/// The stable codes of template field errors (<see cref="TemplateFieldError.Code"/>, in the <c>errors</c> member of a
/// <c>validation-failed</c> problem), so that a wizard can show each message beside its field.
/// </summary>
public static class TemplateErrorCodes
{
    public const string Required = "required";
    public const string LanguageInvalid = "language-invalid";
    public const string LanguageDuplicate = "language-duplicate";
    public const string LanguagesMismatch = "languages-mismatch";
    public const string TooLong = "too-long";
    public const string ForbiddenCharacter = "forbidden-character";
    public const string NameTaken = "name-taken";
    public const string PrincipalInvalid = "principal-invalid";
    public const string PrincipalDuplicate = "principal-duplicate";
    public const string PresetUnknown = "preset-unknown";
    public const string PresetAndRights = "preset-and-rights";
    public const string RightUnknown = "right-unknown";
    public const string ModeUnknown = "mode-unknown";
    public const string DateInPast = "date-in-past";
    public const string OutOfRange = "out-of-range";
    public const string AboveTenantMaximum = "above-tenant-maximum";
    public const string GroupUnknown = "group-unknown";
    public const string StatusUnknown = "status-unknown";
    public const string Unexpected = "unexpected";
}
