using Appliance.Crypto.Container;

namespace Appliance.Crypto.Tests.Container;

public class ProtectedFileNamesTests
{
    [Theory]
    [InlineData("report.txt", "report.ptxt")]
    [InlineData("photo.jpg", "photo.pjpg")]
    [InlineData("photo.JPEG", "photo.pjpg")]
    [InlineData("scan.png", "scan.ppng")]
    [InlineData("contract.pdf", "contract.ppdf")]
    [InlineData("report.xlsx", "report.xlsx.pfile")]
    [InlineData("README", "README.pfile")]
    public void ProtectedName_OriginalName_MapsExtension(string original, string expected)
    {
        Assert.Equal(expected, ProtectedFileNames.ProtectedName(original));
    }

    [Theory]
    [InlineData("report.ptxt", "report.txt")]
    [InlineData("photo.pjpg", "photo.jpg")]
    [InlineData("scan.PPNG", "scan.png")]
    [InlineData("contract.ppdf", "contract.pdf")]
    [InlineData("report.xlsx.pfile", "report.xlsx")]
    public void OriginalName_ProtectedName_RestoresExtension(string protectedName, string expected)
    {
        Assert.Equal(expected, ProtectedFileNames.OriginalName(protectedName));
    }

    [Fact]
    public void OriginalName_NotProtected_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ProtectedFileNames.OriginalName("report.xlsx"));
    }

    [Theory]
    [InlineData("a.txt", "text/plain")]
    [InlineData("a.JPG", "image/jpeg")]
    [InlineData("a.pdf", "application/pdf")]
    [InlineData("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("a.unknown", "application/octet-stream")]
    [InlineData("noextension", "application/octet-stream")]
    public void ContentTypeFor_FileName_ReturnsMediaType(string fileName, string expected)
    {
        Assert.Equal(expected, ProtectedFileNames.ContentTypeFor(fileName));
    }
}
