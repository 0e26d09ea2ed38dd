using Appliance.Crypto.Rights;

namespace Appliance.Crypto.Tests.Rights;

public class UsageRightsTests
{
    [Fact]
    public void All_Always_ListsTheFourteenRightsInCatalogueOrder()
    {
        // Arrange - the order is part of the wire format: canonical right lists follow it.
        string[] expected =
        [
            "VIEW", "EDIT", "DOCEDIT", "COMMENT", "PRINT", "EXTRACT", "EXPORT", "FORWARD", "REPLY", "REPLYALL",
            "OBJMODEL", "VIEWRIGHTSDATA", "EDITRIGHTSDATA", "OWNER",
        ];

        Assert.Equal(expected, UsageRights.All);
    }

    [Fact]
    public void Parse_MixedCaseSpacesAndDuplicates_ReturnsCanonicalOrder()
    {
        var rights = UsageRights.Parse(" print, view ,VIEW,,Owner ");

        Assert.Equal(["VIEW", "PRINT", "OWNER"], rights);
    }

    [Fact]
    public void Parse_EmptyString_ReturnsNoRights()
    {
        Assert.Empty(UsageRights.Parse(""));
    }

    [Fact]
    public void Parse_UnknownRight_ThrowsArgumentExceptionNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => UsageRights.Parse("VIEW, FLY"));

        Assert.Contains("FLY", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VIEW", true)]
    [InlineData("EDITRIGHTSDATA", true)]
    [InlineData("view", false)]
    [InlineData("", false)]
    [InlineData("ADMIN", false)]
    public void IsKnown_Name_MatchesCatalogueSpelling(string right, bool known)
    {
        Assert.Equal(known, UsageRights.IsKnown(right));
    }

    [Fact]
    public void Grants_OwnerHeld_ImpliesEveryRight()
    {
        foreach (var right in UsageRights.All)
        {
            Assert.True(UsageRights.Grants([UsageRights.Owner], right));
        }
    }

    [Fact]
    public void Grants_RightHeld_True()
    {
        Assert.True(UsageRights.Grants([UsageRights.View, UsageRights.Print], UsageRights.Print));
    }

    [Fact]
    public void Grants_RightNotHeld_False()
    {
        Assert.False(UsageRights.Grants([UsageRights.View], UsageRights.Edit));
        Assert.False(UsageRights.Grants([], UsageRights.View));
    }
}
