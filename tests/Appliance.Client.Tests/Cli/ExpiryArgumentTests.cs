using System.Net;
using Appliance.Client.Cli;
using Appliance.Client.Tests.Support;

namespace Appliance.Client.Tests.Cli;

public sealed class ExpiryArgumentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly CannedHandler _handler = new(HttpStatusCode.InternalServerError, "{}");

    public void Dispose()
    {
        _handler.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("30d", "2026-12-31T10:30:00Z")]
    [InlineData("1D", "2026-12-02T10:30:00Z")]
    [InlineData("2030-12-31", "2030-12-31T00:00:00Z")]
    [InlineData("2030-12-31T18:00:00+02:00", "2030-12-31T16:00:00Z")]
    public void Parse_DaysOrDate_GivesTheInstantInUtc(string value, string expected)
    {
        var parsed = ExpiryArgument.Parse(value, Now);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("d")]
    [InlineData("1.5d")]
    [InlineData("36501d")]
    [InlineData("soon")]
    [InlineData("thirty days")]
    public void Parse_ZeroNegativeOrGarbage_NamesTheAcceptedForms(string value)
    {
        var error = Assert.Throws<UsageException>(() => ExpiryArgument.Parse(value, Now));

        Assert.Equal(
            $"--expires '{value}' must be a date such as 2030-12-31 (ISO 8601) or a number of days after protection from 1d to 36500d",
            error.Message);
    }

    [Theory]
    [InlineData("2001-01-01")]
    [InlineData("2026-12-01T10:30:00Z")]
    public void Parse_NotAfterNow_IsInThePast(string value)
    {
        var error = Assert.Throws<UsageException>(() => ExpiryArgument.Parse(value, Now));

        Assert.Equal($"--expires '{value}' is in the past; give a later date or a number of days such as 30d", error.Message);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("garbage")]
    public async Task Protect_BadExpiry_ExitsTwoWithOneSentenceBeforeAnyRequest(string value)
    {
        var file = _temp.Combine("report.txt");
        await File.WriteAllTextAsync(file, "numbers");

        var result = await new CliRunner(_temp.Combine("home"), _handler).RunAsync("protect", file, "--grant", "bob@contoso.test=VIEW", "--expires", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"--expires '{value}' must be a date such as 2030-12-31 (ISO 8601) or a number of days after protection from 1d to 36500d\n", result.Error);
        Assert.Empty(_handler.Requests);
        Assert.False(File.Exists(_temp.Combine("report.ptxt")));
    }

    [Fact]
    public async Task ProtectHelp_ShowsBothForms()
    {
        var result = await new CliRunner(_temp.Path, _handler).RunAsync("protect", "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("--expires <DATE|Nd>", result.Output, StringComparison.Ordinal);
        Assert.Contains("days after protection (e.g. 30d)", result.Output, StringComparison.Ordinal);
    }
}
