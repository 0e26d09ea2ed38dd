using Appliance.Crypto.Protocol;
using Appliance.Data.Templates;
using Appliance.Web.Templates;

namespace Appliance.Web.Tests.Templates;

/// <summary>Every rule of a template request, one field error each, without a node (the API test shows them on the wire).</summary>
public sealed class TemplateRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TemplateRuleContext Context = new(
        30,
        new HashSet<string>(["sales@contoso.test", "legal@contoso.test"], StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(["Contoso - Confidential"], StringComparer.OrdinalIgnoreCase),
        Now);

    private static TemplateRequest Valid() => new(
        [new LocalizedText("en-US", "Sales only"), new LocalizedText("de-DE", "Nur Vertrieb")],
        [new LocalizedText("en-US", "For the sales team"), new LocalizedText("de-DE", "Für den Vertrieb")],
        [new TemplateGrant("Sales@Contoso.test", "restricted editor", null), new TemplateGrant("organization", null, ["view", "PRINT", "VIEW"])],
        new TemplateExpiry(TemplateModes.Days, Days: 30),
        new TemplateOfflineAccess(TemplateModes.Days, 30),
        ["SALES@contoso.test"]);

    private static TemplateFieldError Single(TemplateRequest request)
    {
        var (template, errors) = TemplateRules.Validate(request, Context);
        Assert.Null(template);
        return Assert.Single(errors);
    }

    [Fact]
    public void Validate_ValidRequest_NormalisedTemplate()
    {
        // Act
        var (template, errors) = TemplateRules.Validate(Valid(), Context);

        // Assert - principals lower-cased, presets canonical and resolved, rights in catalogue order.
        Assert.Empty(errors);
        Assert.NotNull(template);
        Assert.Equal(["en-US", "de-DE"], template.Texts.Select(t => t.Language));
        Assert.Equal("sales@contoso.test", template.Grants[0].Principal);
        Assert.Equal(TemplatePresets.RestrictedEditor, template.Grants[0].Preset);
        Assert.Equal("VIEW,EDIT,DOCEDIT,FORWARD,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA", template.Grants[0].Rights);
        Assert.Equal("VIEW,PRINT", template.Grants[1].Rights);
        Assert.Equal(TemplateExpiryMode.AfterDays, template.ExpiryMode);
        Assert.Equal(["sales@contoso.test"], template.Scope);
        Assert.False(template.Archived);
    }

    public static TheoryData<string, string, string> BrokenRules => new()
    {
        // Names and descriptions
        { "no-names", "names", TemplateErrorCodes.Required },
        { "bad-language", "names[0].language", TemplateErrorCodes.LanguageInvalid },
        { "duplicate-language", "names[2].language", TemplateErrorCodes.LanguageDuplicate },
        { "languages-differ", "descriptions", TemplateErrorCodes.LanguagesMismatch },
        { "empty-name", "names[0].text", TemplateErrorCodes.Required },
        { "long-name", "names[0].text", TemplateErrorCodes.TooLong },
        { "forbidden-name", "names[0].text", TemplateErrorCodes.ForbiddenCharacter },
        { "bidi-name", "names[0].text", TemplateErrorCodes.ForbiddenCharacter },
        { "forbidden-description", "descriptions[0].text", TemplateErrorCodes.ForbiddenCharacter },
        { "name-taken", "names[0].text", TemplateErrorCodes.NameTaken },
        // Grants
        { "no-grants", "grants", TemplateErrorCodes.Required },
        { "bad-principal", "grants[0].principal", TemplateErrorCodes.PrincipalInvalid },
        { "duplicate-principal", "grants[1].principal", TemplateErrorCodes.PrincipalDuplicate },
        { "unknown-preset", "grants[0].preset", TemplateErrorCodes.PresetUnknown },
        { "preset-and-rights", "grants[0].rights", TemplateErrorCodes.PresetAndRights },
        { "no-rights", "grants[0].rights", TemplateErrorCodes.Required },
        { "unknown-right", "grants[0].rights", TemplateErrorCodes.RightUnknown },
        // Expiry
        { "no-expiry", "expiry.mode", TemplateErrorCodes.Required },
        { "unknown-expiry", "expiry.mode", TemplateErrorCodes.ModeUnknown },
        { "no-date", "expiry.date", TemplateErrorCodes.Required },
        { "past-date", "expiry.date", TemplateErrorCodes.DateInPast },
        { "zero-days", "expiry.days", TemplateErrorCodes.OutOfRange },
        // Offline access
        { "no-offline", "offline.mode", TemplateErrorCodes.Required },
        { "unknown-offline", "offline.mode", TemplateErrorCodes.ModeUnknown },
        { "zero-offline-days", "offline.days", TemplateErrorCodes.OutOfRange },
        { "offline-above-maximum", "offline.days", TemplateErrorCodes.AboveTenantMaximum },
        // Scope and status
        { "empty-scope", "scope", TemplateErrorCodes.Required },
        { "unknown-group", "scope[0]", TemplateErrorCodes.GroupUnknown },
        { "duplicate-group", "scope[1]", TemplateErrorCodes.PrincipalDuplicate },
        { "unknown-status", "status", TemplateErrorCodes.StatusUnknown },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Validate_OneRuleBroken_OneErrorNamingFieldAndCode(string rule, string field, string code)
    {
        // Arrange - a valid request with exactly one thing wrong, so the error is that rule's alone.
        var valid = Valid();
        var en = valid.Names![0];
        var request = rule switch
        {
            "no-names" => valid with { Names = [], Descriptions = [] },
            "bad-language" => valid with { Names = [en with { Language = "english" }, valid.Names[1]] },
            "duplicate-language" => valid with { Names = [en, valid.Names[1], en with { Language = "EN-us", Text = "Other" }] },
            "languages-differ" => valid with { Descriptions = [valid.Descriptions![0], valid.Descriptions[1] with { Language = "fr-FR" }] },
            "empty-name" => valid with { Names = [en with { Text = "  " }, valid.Names[1]] },
            "long-name" => valid with { Names = [en with { Text = new string('x', TemplateRules.MaxNameLength + 1) }, valid.Names[1]] },
            "forbidden-name" => valid with { Names = [en with { Text = "Sales: only" }, valid.Names[1]] },
            "bidi-name" => valid with { Names = [en with { Text = "Sales\u202Eylno" }, valid.Names[1]] },
            "forbidden-description" => valid with { Descriptions = [valid.Descriptions![0] with { Text = "<script>" }, valid.Descriptions[1]] },
            "name-taken" => valid with { Names = [en with { Text = "contoso - confidential" }, valid.Names[1]] },
            "no-grants" => valid with { Grants = [] },
            "bad-principal" => valid with { Grants = [valid.Grants![0] with { Principal = "sales team" }, valid.Grants[1]] },
            "duplicate-principal" => valid with { Grants = [valid.Grants![0], valid.Grants[0] with { Principal = "SALES@contoso.test" }] },
            "unknown-preset" => valid with { Grants = [valid.Grants![0] with { Preset = "Reader" }, valid.Grants[1]] },
            "preset-and-rights" => valid with { Grants = [valid.Grants![0] with { Rights = ["VIEW"] }, valid.Grants[1]] },
            "no-rights" => valid with { Grants = [valid.Grants![0] with { Preset = null }, valid.Grants[1]] },
            "unknown-right" => valid with { Grants = [valid.Grants![0] with { Preset = null, Rights = ["VIEW", "SHRED"] }, valid.Grants[1]] },
            "no-expiry" => valid with { Expiry = null },
            "unknown-expiry" => valid with { Expiry = new TemplateExpiry("someday") },
            "no-date" => valid with { Expiry = new TemplateExpiry(TemplateModes.Date) },
            "past-date" => valid with { Expiry = new TemplateExpiry(TemplateModes.Date, Now.AddDays(-1)) },
            "zero-days" => valid with { Expiry = new TemplateExpiry(TemplateModes.Days, Days: 0) },
            "no-offline" => valid with { Offline = null },
            "unknown-offline" => valid with { Offline = new TemplateOfflineAccess("sometimes") },
            "zero-offline-days" => valid with { Offline = new TemplateOfflineAccess(TemplateModes.Days, 0) },
            "offline-above-maximum" => valid with { Offline = new TemplateOfflineAccess(TemplateModes.Days, 31) },
            "empty-scope" => valid with { Scope = [] },
            "unknown-group" => valid with { Scope = ["marketing@contoso.test"] },
            "duplicate-group" => valid with { Scope = ["sales@contoso.test", "Sales@Contoso.test"] },
            "unknown-status" => valid with { Status = "draft" },
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        // Act
        var error = rule == "no-names"
            ? TemplateRules.Validate(request, Context).Errors[0]
            : Single(request);

        // Assert
        Assert.Equal(field, error.Field);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Validate_SeveralRulesBroken_EveryErrorAtOnce()
    {
        // Arrange - a wizard shows every message in one pass, not the first one only.
        var request = Valid() with { Grants = [], Expiry = null, Offline = new TemplateOfflineAccess(TemplateModes.Days, 99) };

        // Act
        var (_, errors) = TemplateRules.Validate(request, Context);

        // Assert
        Assert.Equal(["grants", "expiry.mode", "offline.days"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_DescriptionWithLineBreaks_Accepted()
    {
        var request = Valid() with { Descriptions = [new LocalizedText("en-US", "Line one\nline two"), Valid().Descriptions![1]] };

        Assert.Empty(TemplateRules.Validate(request, Context).Errors);
    }

    [Theory]
    [InlineData("en-us", "en-US")]
    [InlineData("DE", "de")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("english", null)]
    [InlineData("en-US-x", null)]
    [InlineData("", null)]
    public void LanguageTag_Spellings_CanonicalOrRefused(string tag, string? expected) =>
        Assert.Equal(expected, TemplateRules.LanguageTag(tag));

    [Fact]
    public void Presets_RightLists_AsTheAzureRmsPermissionLevels()
    {
        // Arrange - the lists are Azure RMS's Viewer, Reviewer, Co-Author and Co-Owner; a change here changes every template.
        Assert.Equal("VIEW,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA", string.Join(',', TemplatePresets.RightsOf("viewer")));
        Assert.Equal("VIEW,EDIT,DOCEDIT,FORWARD,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA", string.Join(',', TemplatePresets.RightsOf("Restricted-Editor")));
        Assert.Equal("VIEW,EDIT,DOCEDIT,PRINT,EXTRACT,FORWARD,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA", string.Join(',', TemplatePresets.RightsOf("editor")));
        Assert.Equal("VIEW,EDIT,DOCEDIT,PRINT,EXTRACT,EXPORT,FORWARD,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA,EDITRIGHTSDATA,OWNER",
            string.Join(',', TemplatePresets.RightsOf("OWNER")));
        Assert.DoesNotContain(TemplatePresets.RightsOf(TemplatePresets.Owner), r => r == "COMMENT");
    }
}
