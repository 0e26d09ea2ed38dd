using Appliance.Hsm.Pkcs11;

namespace Appliance.Hsm.Tests.Configuration;

public sealed class PinSourceTests
{
    [Theory]
    [InlineData("1234", "1234")]
    [InlineData("1234\n", "1234")]
    [InlineData("  1234 \r\n", "1234")]
    [InlineData("so-pin=aaaa\nuser-pin=bbbb\n", "bbbb")]
    [InlineData("user-pin=bbbb\nso-pin=aaaa", "bbbb")]
    public void Parse_BarePinOrUserPinLine_ReturnsTheUserPin(string text, string expected)
    {
        Assert.Equal(expected, PinSource.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("so-pin=aaaa\n")]
    [InlineData("so-pin=aaaa\nuser-pin=\n")]
    public void Parse_NoUserPin_ReturnsNullRatherThanTheSoPin(string text)
    {
        // Arrange - the SO PIN must never be used as the user PIN by accident.
        Assert.Null(PinSource.Parse(text));
    }
}
