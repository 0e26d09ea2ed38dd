using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Web.Portal.Templates;
using Bunit;

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
        var read = PostedForm.Read(PostedForm.Of(html));

        // Assert
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(draft.ToRequest()), System.Text.Json.JsonSerializer.Serialize(read.ToRequest()));
        Assert.Equal(draft.TenantId, read.TenantId);
    }
}
