using Appliance.Crypto.Protocol;
using Appliance.Web.Portal.Templates;
using Bunit;

namespace Appliance.Portal.Tests.Templates;

public sealed class ExpiryStepTests : BunitContext
{
    [Fact]
    public void Render_Draft_ChecksItsModesAndShowsTheTenantMaximum()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.ExpiryMode = TemplateModes.Days;
        draft.ExpiryDays = "90";
        draft.OfflineMode = TemplateModes.Always;

        // Act
        var cut = Render<ExpiryStep>(p => p.Add(s => s.Draft, draft).Add(s => s.MaxOfflineDays, 14));

        // Assert
        Assert.Equal(TemplateModes.Days, cut.Find("input[name=expiry][checked]").GetAttribute("value"));
        Assert.Equal("90", cut.Find("input[name=expiryDays]").GetAttribute("value"));
        Assert.Equal(TemplateModes.Always, cut.Find("input[name=offline][checked]").GetAttribute("value"));
        Assert.Equal("14", cut.Find("[data-testid=max-offline]").TextContent);
    }

    [Fact]
    public void Render_OfflineDaysAboveTenantMaximum_ShowsTheCap()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.OfflineMode = TemplateModes.Days;
        draft.OfflineDays = "45";
        var errors = WizardRules.Check(draft, maxOfflineDays: 30);

        // Act
        var cut = Render<ExpiryStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors).Add(s => s.MaxOfflineDays, 30));

        // Assert
        var error = cut.Find("[data-field='offline.days'] li");
        Assert.Equal(TemplateErrorCodes.AboveTenantMaximum, error.GetAttribute("data-code"));
        Assert.Contains("30", error.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DateInThePastAndNoDays_ShowsEachBesideItsInput()
    {
        // Arrange
        var past = WizardRules.Valid();
        past.ExpiryMode = TemplateModes.Date;
        past.ExpiryDate = "2020-01-01";
        var noDays = WizardRules.Valid();
        noDays.ExpiryMode = TemplateModes.Days;
        noDays.ExpiryDays = "lots";

        // Act
        var pastCut = Render<ExpiryStep>(p => p.Add(s => s.Draft, past).Add(s => s.Errors, WizardRules.Check(past)));
        var daysCut = Render<ExpiryStep>(p => p.Add(s => s.Draft, noDays).Add(s => s.Errors, WizardRules.Check(noDays)));

        // Assert
        Assert.Equal(TemplateErrorCodes.DateInPast, pastCut.Find("[data-field='expiry.date'] li").GetAttribute("data-code"));
        Assert.Equal(TemplateErrorCodes.OutOfRange, daysCut.Find("[data-field='expiry.days'] li").GetAttribute("data-code"));
    }
}
