using Appliance.Crypto.Protocol;
using Appliance.Web.Portal.Templates;
using Bunit;

namespace Appliance.Portal.Tests.Templates;

public sealed class ScopeStepTests : BunitContext
{
    [Fact]
    public void Render_GroupsScope_ChecksItAndSuggestsTheTenantsGroups()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.ScopeMode = TemplateDraft.Groups;
        draft.ScopeGroups = "finance@contoso.test";
        draft.Status = TemplateModes.Archived;

        // Act
        var cut = Render<ScopeStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Groups, ["finance@contoso.test", "sales@contoso.test"]));

        // Assert
        Assert.Equal(TemplateDraft.Groups, cut.Find("input[name=scope][checked]").GetAttribute("value"));
        Assert.Equal("finance@contoso.test", cut.Find("input[name=scopeGroups]").GetAttribute("value"));
        Assert.Equal(2, cut.FindAll("datalist#known-groups option").Count);
        Assert.Equal(TemplateModes.Archived, cut.Find("input[name=status][checked]").GetAttribute("value"));
    }

    [Fact]
    public void Render_UnknownGroup_ShowsTheMessageForThatGroup()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.ScopeMode = TemplateDraft.Groups;
        draft.ScopeGroups = "finance@contoso.test, nobody@contoso.test";
        var errors = WizardRules.Check(draft, 30, "finance@contoso.test");

        // Act
        var cut = Render<ScopeStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        var error = cut.Find("[data-field='scope[1]'] li");
        Assert.Equal(TemplateErrorCodes.GroupUnknown, error.GetAttribute("data-code"));
        Assert.Contains("nobody@contoso.test", error.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-field='scope[0]']"));
    }

    [Fact]
    public void Render_GroupsScopeWithoutGroups_ShowsTheStepMessage()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.ScopeMode = TemplateDraft.Groups;
        var errors = WizardRules.Check(draft);

        // Act
        var cut = Render<ScopeStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        Assert.NotEmpty(cut.FindAll("[data-field=scope] li"));
    }
}
