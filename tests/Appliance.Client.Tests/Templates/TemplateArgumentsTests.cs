using Appliance.Client.Cli;
using Appliance.Client.Sdk;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;

namespace Appliance.Client.Tests.Templates;

public sealed class TemplateArgumentsTests
{
    [Theory]
    [InlineData("en-US=Sales only", "en-US", "Sales only")]
    [InlineData(" de = Nur Vertrieb ", "de", "Nur Vertrieb")]
    [InlineData("en=A=B", "en", "A=B")]
    public void Text_LangEqualsText_Split(string value, string language, string text) =>
        Assert.Equal(new LocalizedText(language, text), TemplateArguments.Text("--name", value));

    [Theory]
    [InlineData("Sales only")]
    [InlineData("=Sales")]
    [InlineData("en=")]
    public void Text_NoLanguageOrText_UsageErrorNamingTheSyntax(string value)
    {
        var error = Assert.Throws<UsageException>(() => TemplateArguments.Text("--name", value));

        Assert.Contains("LANG=TEXT", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sales@contoso.test=Viewer", "sales@contoso.test", "Viewer")]
    [InlineData("Sales@Contoso.test=restrictededitor", "sales@contoso.test", "RestrictedEditor")]
    [InlineData("organization=OWNER", "organization", "Owner")]
    public void Grant_Preset_CanonicalPresetNoRights(string value, string principal, string preset)
    {
        var grant = TemplateArguments.Grant(value);

        Assert.Equal(principal, grant.Principal);
        Assert.Equal(preset, grant.Preset);
        Assert.Null(grant.Rights);
    }

    [Fact]
    public void Grant_RightsList_CatalogueOrderNoPreset()
    {
        var grant = TemplateArguments.Grant("legal@contoso.test=print, view");

        Assert.Null(grant.Preset);
        Assert.Equal(["VIEW", "PRINT"], grant.Rights);
    }

    [Theory]
    [InlineData("legal@contoso.test")]
    [InlineData("legal@contoso.test=")]
    [InlineData("legal@contoso.test=VIEW,SHRED")]
    [InlineData("legal@contoso.test=Reader")]
    public void Grant_Malformed_UsageError(string value) =>
        Assert.Throws<UsageException>(() => TemplateArguments.Grant(value));

    [Fact]
    public void Expiry_Forms_Parsed()
    {
        Assert.Equal(new TemplateExpiry(TemplateModes.Never), TemplateArguments.Expiry("Never"));
        Assert.Equal(new TemplateExpiry(TemplateModes.Days, Days: 30), TemplateArguments.Expiry("30d"));
        Assert.Equal(new TemplateExpiry(TemplateModes.Date, new DateTimeOffset(2030, 12, 31, 0, 0, 0, TimeSpan.Zero)), TemplateArguments.Expiry("2030-12-31"));
        Assert.Throws<UsageException>(() => TemplateArguments.Expiry("soon"));
        Assert.Throws<UsageException>(() => TemplateArguments.Expiry("-3d"));
    }

    [Fact]
    public void Offline_Forms_Parsed()
    {
        Assert.Equal(new TemplateOfflineAccess(TemplateModes.Always), TemplateArguments.Offline("ALWAYS"));
        Assert.Equal(new TemplateOfflineAccess(TemplateModes.Never), TemplateArguments.Offline("never"));
        Assert.Equal(new TemplateOfflineAccess(TemplateModes.Days, 7), TemplateArguments.Offline("7d"));
        Assert.Throws<UsageException>(() => TemplateArguments.Offline("7"));
    }

    [Fact]
    public void FromTemplate_DaysAfterProtection_PolicyRecipeApplied()
    {
        // Arrange - the appliance compares the policy with the template, so the client must copy it faithfully.
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var template = new AvailableTemplate(Guid.NewGuid(), "Sales", "For sales", "en-US",
            [new RightsGrant("sales@contoso.test", ["VIEW"])], new TemplateExpiry(TemplateModes.Days, Days: 10), 3);

        // Act
        var options = ProtectionOptions.FromTemplate("plan.txt", template, now);

        // Assert
        Assert.Equal(template.Grants, options.Grants);
        Assert.Equal(now.AddDays(10), options.ExpiresAt);
        Assert.Equal(3, options.OfflineDays);
        Assert.Equal((template.Id, "Sales"), (options.TemplateId!.Value, options.TemplateName));
    }
}
