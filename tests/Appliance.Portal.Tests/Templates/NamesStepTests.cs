using Appliance.Crypto.Protocol;
using Appliance.Web.Portal.Templates;
using Bunit;

namespace Appliance.Portal.Tests.Templates;

public sealed class NamesStepTests : BunitContext
{
    [Fact]
    public void Render_TwoLanguages_ShowsARowOfInputsPerLanguage()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts.Add(new TextDraft { Language = "fr-FR", Name = "Finances seulement", Description = "Pour la finance." });

        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, draft));

        // Assert
        Assert.Equal(2, cut.FindAll("[data-testid=language-row]").Count);
        Assert.Equal("fr-FR", cut.Find("input[name='language[1]']").GetAttribute("value"));
        Assert.Equal("Finances seulement", cut.Find("input[name='name[1]']").GetAttribute("value"));
        Assert.Equal("2", cut.Find("input[name=texts]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=field-error]"));
    }

    [Fact]
    public void Render_ForbiddenCharacterInName_ShowsTheRuleBesideTheName()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts[0].Name = "Finance <only>";
        var errors = WizardRules.Check(draft);

        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        var error = cut.Find("[data-field='names[0].text']");
        Assert.Equal(TemplateErrorCodes.ForbiddenCharacter, error.QuerySelector("li")!.GetAttribute("data-code"));
        Assert.Contains("'<'", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("input[name='name[0]']").GetAttribute("aria-invalid"));
        Assert.Equal(error.Id, cut.Find("input[name='name[0]']").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Render_EmptyNameBadLanguageAndTakenName_ShowsEachMessageAtItsInput()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts[0].Name = "Contoso - Confidential";
        draft.Texts.Add(new TextDraft { Language = "not a tag", Name = string.Empty, Description = string.Empty });
        var errors = WizardRules.Check(draft);

        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        Assert.Equal(TemplateErrorCodes.NameTaken, cut.Find("[data-field='names[0].text'] li").GetAttribute("data-code"));
        Assert.Equal(TemplateErrorCodes.LanguageInvalid, cut.Find("[data-field='names[1].language'] li").GetAttribute("data-code"));
        Assert.Equal(TemplateErrorCodes.Required, cut.Find("[data-field='names[1].text'] li").GetAttribute("data-code"));
    }

    [Fact]
    public void Render_OneLanguage_OffersToAddButNotRemove()
    {
        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, WizardRules.Valid()));

        // Assert
        Assert.Single(cut.FindAll("button[value=add-language]"));
        Assert.Empty(cut.FindAll("button[value=remove-language]"));
    }
}
