using Appliance.Web.Templates;

namespace Appliance.Web.Portal.Templates;

/// <summary>Rule limits worded for the wizard's hints.</summary>
public static class TemplateRulesText
{
    public static string ForbiddenNameCharacters { get; } = string.Join(' ', TemplateRules.ForbiddenNameCharacters.ToCharArray());
}
