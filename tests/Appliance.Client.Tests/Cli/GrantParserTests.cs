using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Tests.Support;

namespace Appliance.Client.Tests.Cli;

public sealed class GrantParserTests
{
    [Fact]
    public void Parse_MixedCaseEmailAndRights_LowerCasesPrincipalAndCanonicalisesRights()
    {
        var grants = GrantParser.Parse(["Bob@Contoso.TEST= print , view"]);

        var grant = Assert.Single(grants);
        Assert.Equal("bob@contoso.test", grant.Principal);
        Assert.Equal(["VIEW", "PRINT"], grant.Rights);
    }

    [Fact]
    public void Parse_SamePrincipalTwice_MergesRights()
    {
        // Arrange - `--grant bob=VIEW --grant BOB=EXPORT` means one grant, not two competing ones.
        var grants = GrantParser.Parse(["bob@contoso.test=VIEW", "BOB@contoso.test=EXPORT,VIEW", "carol@contoso.test=OWNER"]);

        Assert.Equal(2, grants.Count);
        Assert.Equal(["VIEW", "EXPORT"], grants[0].Rights);
        Assert.Equal("carol@contoso.test", grants[1].Principal);
        Assert.Equal(["OWNER"], grants[1].Rights);
    }

    [Theory]
    [InlineData("bob@contoso.test", "must look like EMAIL=RIGHT[,RIGHT...]")]
    [InlineData("=VIEW", "does not start with an e-mail address")]
    [InlineData("bob=VIEW", "does not start with an e-mail address")]
    [InlineData("bob@=VIEW", "does not start with an e-mail address")]
    [InlineData("bob@contoso.test=", "has an empty right")]
    [InlineData("bob@contoso.test=VIEW,,PRINT", "has an empty right")]
    public void Parse_BadSyntax_ThrowsUsageExceptionQuotingTheValue(string value, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => GrantParser.Parse([value]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, ExitCodes.ForCode(ex.Code));
    }

    [Theory]
    [InlineData("bob@contoso.test=VIEW,FLY", "FLY")]
    [InlineData("bob@contoso.test=read", "read")]
    [InlineData("bob@contoso.test=VIEW, EXPORTT", "EXPORTT")]
    public void Parse_UnknownRight_NamesTheRightAndTheCatalogue(string value, string unknown)
    {
        var ex = Assert.Throws<UsageException>(() => GrantParser.Parse([value]));

        Assert.StartsWith($"unknown right '{unknown}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VIEW, EDIT, DOCEDIT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protect_UnknownRight_ExitsTwoBeforeAnyRequestAndWritesNothing()
    {
        using var temp = new TempDirectory();
        using var handler = new CannedHandler(HttpStatusCode.InternalServerError, "{}");
        var file = temp.Combine("report.txt");
        await File.WriteAllTextAsync(file, "numbers");

        var result = await new CliRunner(temp.Combine("home"), handler).RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW,TELEPORT");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("unknown right 'TELEPORT'", result.Error, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Equal(["report.txt"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Where(n => n != "home"));
    }
}
