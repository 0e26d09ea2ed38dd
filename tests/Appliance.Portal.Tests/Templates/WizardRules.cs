using Appliance.Crypto.Protocol;
using Appliance.Web.Portal.Templates;
using Appliance.Web.Templates;

namespace Appliance.Portal.Tests.Templates;

/// <summary>The real rules, run on a draft, as the wizard page runs them through the service.</summary>
internal static class WizardRules
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<TemplateFieldError> Check(TemplateDraft draft, int maxOfflineDays = 30, params string[] groups) =>
        TemplateRules.Validate(
            draft.ToRequest(),
            new TemplateRuleContext(
                maxOfflineDays,
                groups.ToHashSet(StringComparer.OrdinalIgnoreCase),
                new HashSet<string>(["Contoso - Confidential"], StringComparer.OrdinalIgnoreCase),
                Now)).Errors;

    /// <summary>A draft that passes every rule.</summary>
    public static TemplateDraft Valid() => new()
    {
        TenantId = Guid.NewGuid(),
        Texts = [new TextDraft { Language = "en-US", Name = "Finance only", Description = "For the finance team." }],
        Grants = [new GrantDraft { Principal = "finance@contoso.test", Preset = TemplatePresets.Editor }],
    };
}
