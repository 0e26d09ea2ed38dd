using Appliance.Crypto.Protocol;
using Appliance.Crypto.Rights;
using Appliance.Web.Portal.Templates;
using Bunit;

namespace Appliance.Portal.Tests.Templates;

public sealed class RightsStepTests : BunitContext
{
    [Fact]
    public void Render_Grant_OffersTheFourPresetsCustomAndTheFourteenRights()
    {
        // Act
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, WizardRules.Valid()));

        // Assert
        var options = cut.FindAll("select[name='preset[0]'] option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal([.. TemplatePresets.Names, TemplateDraft.Custom], options);
        Assert.Equal(TemplatePresets.Editor, cut.Find("select[name='preset[0]'] option[selected]").GetAttribute("value"));
        Assert.Contains("Restricted Editor", cut.Find("select[name='preset[0]']").TextContent, StringComparison.Ordinal);
        Assert.Equal(14, UsageRights.All.Count);
        Assert.Equal(UsageRights.All, cut.FindAll("input[type=checkbox][name='rights[0]']").Select(c => c.GetAttribute("value")!).ToList());
        Assert.Single(cut.FindAll("input[type=checkbox][name='allUsers[0]']"));
    }

    [Fact]
    public void Render_CustomGrantWithoutRightsAndBadAddress_ShowsBothMessages()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Grants = [new GrantDraft { Principal = "not an address", Preset = TemplateDraft.Custom }];
        var errors = WizardRules.Check(draft);

        // Act
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        Assert.Equal(TemplateErrorCodes.PrincipalInvalid, cut.Find("[data-field='grants[0].principal'] li").GetAttribute("data-code"));
        Assert.NotEmpty(cut.FindAll("[data-field='grants[0].rights'] li"));
        Assert.Equal("true", cut.Find("input[name='principal[0]']").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Render_CustomRights_AreTicked()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Grants = [new GrantDraft { AllUsers = true, Preset = TemplateDraft.Custom, Rights = [UsageRights.View, UsageRights.Print] }];

        // Act
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, WizardRules.Check(draft)));

        // Assert
        var ticked = cut.FindAll("input[name='rights[0]'][checked]").Select(c => c.GetAttribute("value")!).ToList();
        Assert.Equal([UsageRights.View, UsageRights.Print], ticked.Order(StringComparer.Ordinal).Reverse());
        Assert.True(cut.Find("input[name='allUsers[0]']").HasAttribute("checked"));
        Assert.Empty(cut.FindAll("[data-testid=field-error]"));
    }

    [Fact]
    public void Render_NoGrant_ShowsTheStepMessage()
    {
        // Arrange
        var draft = WizardRules.Valid();
        draft.Grants = [];
        var errors = WizardRules.Check(draft);

        // Act
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, draft).Add(s => s.Errors, errors));

        // Assert
        Assert.Equal(TemplateErrorCodes.Required, cut.Find("[data-field=grants] li").GetAttribute("data-code"));
    }

    [Fact]
    public void Render_OneGrant_OffersToAddButNotRemove()
    {
        // Act
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, WizardRules.Valid()));

        // Assert
        Assert.Single(cut.FindAll("button[value=add-grant]"));
        Assert.Empty(cut.FindAll("button[name=remove-grant]"));
    }

    [Fact]
    public void Remove_MiddleGrant_KeepsTheOtherRowsAsTypedAndInOrder()
    {
        // Arrange - three grants; the middle one's button pressed. The last has custom rights, which must move up with it.
        var draft = WizardRules.Valid();
        draft.Grants.Add(new GrantDraft { Principal = "bob@contoso.test", Preset = TemplatePresets.Viewer });
        draft.Grants.Add(new GrantDraft { AllUsers = true, Preset = TemplateDraft.Custom, Rights = [UsageRights.View, UsageRights.Print] });
        var step = Render<RightsStep>(p => p.Add(s => s.Draft, draft));
        var posted = PostedForm.Of(step.Markup, step.Find("button[aria-label='Remove grant bob@contoso.test']"));

        // Act - read back and shown again, as the page does with the post.
        var read = PostedForm.Read(posted);
        var removed = DraftRows.Remove(read, PostedForm.Fields(posted));
        var cut = Render<RightsStep>(p => p.Add(s => s.Draft, read));

        // Assert
        Assert.True(removed);
        Assert.Equal(2, cut.FindAll("[data-testid=grant-row]").Count);
        Assert.Equal("2", cut.Find("input[name=grants]").GetAttribute("value"));
        Assert.Equal("finance@contoso.test", cut.Find("input[name='principal[0]']").GetAttribute("value"));
        Assert.Equal(TemplatePresets.Editor, cut.Find("select[name='preset[0]'] option[selected]").GetAttribute("value"));
        Assert.False(cut.Find("input[name='allUsers[0]']").HasAttribute("checked"));
        Assert.Empty(cut.FindAll("input[name='rights[0]'][checked]"));
        Assert.True(cut.Find("input[name='allUsers[1]']").HasAttribute("checked"));
        Assert.Equal(TemplateDraft.Custom, cut.Find("select[name='preset[1]'] option[selected]").GetAttribute("value"));
        Assert.Equal(
            [UsageRights.Print, UsageRights.View],
            cut.FindAll("input[name='rights[1]'][checked]").Select(c => c.GetAttribute("value")!).Order(StringComparer.Ordinal));
        Assert.Empty(cut.FindAll("input[name='principal[2]']"));
        Assert.Equal(
            ["Remove grant finance@contoso.test", "Remove grant to all users of the organisation"],
            cut.FindAll("button[name=remove-grant]").Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(["0", "1"], cut.FindAll("button[name=remove-grant]").Select(b => b.GetAttribute("value")));
    }
}
