using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Web.Portal.Templates;
using Bunit;
using Microsoft.Extensions.Primitives;

namespace Appliance.Portal.Tests.Templates;

/// <summary>The hidden fields of one step and the inputs of the others read back as the same draft.</summary>
public sealed class TemplateDraftTests : BunitContext
{
    [Theory]
    [InlineData(WizardSteps.Names)]
    [InlineData(WizardSteps.Rights)]
    [InlineData(WizardSteps.Expiry)]
    [InlineData(WizardSteps.Scope)]
    [InlineData(WizardSteps.Review)]
    public void HiddenFields_PostedWithTheStep_ReadBackAsTheSameRequest(int step)
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts.Add(new TextDraft { Language = "de-DE", Name = "Nur Finanzen", Description = "Für die Finanzabteilung." });
        draft.Grants.Add(new GrantDraft { AllUsers = true, Preset = TemplateDraft.Custom, Rights = [UsageRights.View, UsageRights.Print] });
        draft.ExpiryMode = TemplateModes.Date;
        draft.ExpiryDate = "2027-03-31";
        draft.OfflineMode = TemplateModes.Never;
        draft.ScopeMode = TemplateDraft.Groups;
        draft.ScopeGroups = "finance@contoso.test";
        draft.Status = TemplateModes.Archived;

        // Act - the hidden fields plus the step's own inputs, as the browser posts them.
        var hidden = Render<DraftHiddenFields>(p => p.Add(s => s.Draft, draft).Add(s => s.Step, step));
        var html = hidden.Markup + step switch
        {
            WizardSteps.Names => Render<NamesStep>(p => p.Add(s => s.Draft, draft)).Markup,
            WizardSteps.Rights => Render<RightsStep>(p => p.Add(s => s.Draft, draft)).Markup,
            WizardSteps.Expiry => Render<ExpiryStep>(p => p.Add(s => s.Draft, draft)).Markup,
            WizardSteps.Scope => Render<ScopeStep>(p => p.Add(s => s.Draft, draft)).Markup,
            _ => string.Empty,
        };
        var form = Posted(html);
        var read = TemplateDraft.Read(name => form.TryGetValue(name, out var v) ? v : StringValues.Empty);

        // Assert
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(draft.ToRequest()), System.Text.Json.JsonSerializer.Serialize(read.ToRequest()));
        Assert.Equal(draft.TenantId, read.TenantId);
    }

    // What a browser would submit: inputs and selects with their values, checked boxes and radios only, textareas.
    private static Dictionary<string, StringValues> Posted(string html)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var document = parser.ParseDocument(html);
        var fields = new List<(string Name, string Value)>();
        foreach (var element in document.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element.TagName.ToLowerInvariant())
            {
                case "select":
                    fields.Add((name, element.QuerySelector("option[selected]")?.GetAttribute("value") ?? element.QuerySelector("option")?.GetAttribute("value") ?? string.Empty));
                    break;
                case "textarea":
                    fields.Add((name, element.TextContent));
                    break;
                default:
                    var type = element.GetAttribute("type") ?? "text";
                    if (type is "checkbox" or "radio" && !element.HasAttribute("checked"))
                    {
                        break;
                    }

                    fields.Add((name, element.GetAttribute("value") ?? (type == "checkbox" ? "on" : string.Empty)));
                    break;
            }
        }

        return fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(f => f.Value)]));
    }
}
