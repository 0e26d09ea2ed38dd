using Appliance.Crypto.Protocol;
using Appliance.Web.Portal.Templates;
using Bunit;

namespace Appliance.Portal.Tests.Templates;

public sealed class ReviewStepTests : BunitContext
{
    [Fact]
    public void Render_ValidDraft_SummarisesEveryStepWithoutErrors()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.ScopeMode = TemplateDraft.Groups;
        draft.ScopeGroups = "finance@contoso.test";
        draft.OfflineMode = TemplateModes.Days;
        draft.OfflineDays = "5";

        // Act
        var cut = Render<ReviewStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, WizardRules.Check(draft, 30, "finance@contoso.test")));

        // Assert
        Assert.Equal("Finance only", cut.Find("[data-testid=review-name]").TextContent);
        Assert.Equal("Editor", cut.Find("[data-testid=review-grant]").TextContent);
        Assert.Equal("5 days", cut.Find("[data-testid=review-offline]").TextContent);
        Assert.Equal("Members of finance@contoso.test", cut.Find("[data-testid=review-scope]").TextContent);
        Assert.Equal("Never", cut.Find("[data-testid=review-expiry]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=review-errors]"));
    }

    [Fact]
    public void Render_BrokenRules_ListsThemWithTheirStep()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Texts[0].Name = string.Empty;
        draft.OfflineMode = TemplateModes.Days;
        draft.OfflineDays = "0";

        // Act
        var cut = Render<ReviewStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, WizardRules.Check(draft)));

        // Assert
        var items = cut.FindAll("[data-testid=review-errors] li").Select(li => li.TextContent).ToList();
        Assert.Contains(items, i => i.StartsWith("Names and descriptions: ", StringComparison.Ordinal));
        Assert.Contains(items, i => i.StartsWith("Expiry and offline access: ", StringComparison.Ordinal));
    }
}
