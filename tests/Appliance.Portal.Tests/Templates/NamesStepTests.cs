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
        // Arrange
        var draft = WizardRules.Valid();
        var posted = PostedForm.Of(Render<NamesStep>(p => p.Add(s => s.Draft, draft)).Markup);
        posted[DraftFields.RemoveLanguage] = "0";

        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, draft));
        var read = PostedForm.Read(posted);
        var removed = DraftRows.Remove(read, PostedForm.Fields(posted));

        // Assert - no button, and a hand-made post for one is refused: the step needs a language.
        Assert.Single(cut.FindAll("button[value=add-language]"));
        Assert.Empty(cut.FindAll("button[name=remove-language]"));
        Assert.False(removed);
        Assert.Equal("Finance only", Assert.Single(read.Texts).Name);
    }

    [Fact]
    public void Render_TwoLanguages_LabelsEachRemoveButtonWithItsRow()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts.Add(new TextDraft { Language = string.Empty });

        // Act
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, draft));

        // Assert
        var buttons = cut.FindAll("[data-testid=language-row] button[name=remove-language]");
        Assert.Equal(["Remove language en-US", "Remove language row 2"], buttons.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(["0", "1"], buttons.Select(b => b.GetAttribute("value")));
        Assert.All(buttons, b => Assert.Equal("submit", b.GetAttribute("type")));
    }

    [Fact]
    public void Remove_MiddleLanguage_KeepsTheOtherRowsAsTypedAndInOrder()
    {
        // Arrange - three languages; the middle one's button pressed.
        var draft = WizardRules.Valid();
        draft.Texts.Add(new TextDraft { Language = "fr-FR", Name = "Finances seulement", Description = "Pour la finance." });
        draft.Texts.Add(new TextDraft { Language = "de-DE", Name = "Nur Finanzen", Description = "Für die Finanzabteilung." });
        var step = Render<NamesStep>(p => p.Add(s => s.Draft, draft));
        var posted = PostedForm.Of(step.Markup, step.Find("button[aria-label='Remove language fr-FR']"));

        // Act - read back and shown again, as the page does with the post.
        var read = PostedForm.Read(posted);
        var removed = DraftRows.Remove(read, PostedForm.Fields(posted));
        var cut = Render<NamesStep>(p => p.Add(s => s.Draft, read));

        // Assert
        Assert.True(removed);
        Assert.Equal(2, cut.FindAll("[data-testid=language-row]").Count);
        Assert.Equal("2", cut.Find("input[name=texts]").GetAttribute("value"));
        Assert.Equal("en-US", cut.Find("input[name='language[0]']").GetAttribute("value"));
        Assert.Equal("Finance only", cut.Find("input[name='name[0]']").GetAttribute("value"));
        Assert.Equal("For the finance team.", cut.Find("textarea[name='description[0]']").TextContent);
        Assert.Equal("de-DE", cut.Find("input[name='language[1]']").GetAttribute("value"));
        Assert.Equal("Nur Finanzen", cut.Find("input[name='name[1]']").GetAttribute("value"));
        Assert.Equal("Für die Finanzabteilung.", cut.Find("textarea[name='description[1]']").TextContent);
        Assert.Empty(cut.FindAll("input[name='language[2]']"));
        Assert.Equal(
            ["Remove language en-US", "Remove language de-DE"],
            cut.FindAll("button[name=remove-language]").Select(b => b.GetAttribute("aria-label")));
    }
}
