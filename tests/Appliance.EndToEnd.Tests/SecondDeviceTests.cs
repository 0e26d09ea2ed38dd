using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>Bootstrap through `rms login` on two profile folders: one user, one key pair, wherever they sign in.</summary>
public sealed class SecondDeviceTests : IAsyncLifetime
{
    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;

    public async Task InitializeAsync()
    {
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        await _node.AddUserAsync("alice@contoso.test", "password of alice 123");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Login_OnASecondRmsHome_GetsACertificateForTheSamePublicKey()
    {
        var server = _node.BaseAddress.ToString().TrimEnd('/');
        var laptop = new RmsRunner(Path.Combine(_work, "laptop"));
        var desktop = new RmsRunner(Path.Combine(_work, "desktop"));

        foreach (var device in new[] { laptop, desktop })
        {
            (await device.RunWithInputAsync("password of alice 123\n", "login", "--server", server, "--user", "alice@contoso.test", "--password-stdin")).Succeeded();
        }

        var stored = await _node.QueryAsync(db => db.UserKeyPairs.AsNoTracking().Select(k => k.PublicKey).ToListAsync());
        var laptopKey = await PublicKeyOfAsync(laptop.Home);
        var desktopKey = await PublicKeyOfAsync(desktop.Home);
        Assert.Equal(Convert.ToBase64String(Assert.Single(stored)), laptopKey.FromPrivateKey);
        Assert.Equal(laptopKey.FromPrivateKey, laptopKey.Certified);
        Assert.Equal(laptopKey.FromPrivateKey, desktopKey.FromPrivateKey);
        Assert.Equal(laptopKey.FromPrivateKey, desktopKey.Certified);
    }

    /// <summary>The public key of the device's private key, and the one its user certificate names.</summary>
    private static async Task<(string FromPrivateKey, string Certified)> PublicKeyOfAsync(string home)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(home, "user-key.pem")));
        using var identity = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(home, "identity.json")));
        var certificate = identity.RootElement.EnumerateObject()
            .First(p => p.Name.Equals("userCertificate", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
        var payload = certificate.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var content = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        var certified = content.RootElement.EnumerateObject()
            .First(p => p.Name.Equals("publicKey", StringComparison.OrdinalIgnoreCase) || p.Name == "pub").Value.GetString()!;
        return (Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(Base64UrlOrStandard(certified)));
    }

    private static byte[] Base64UrlOrStandard(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
    }
}
