using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Appliance.Browser.Tests;

/// <summary>What a person does on the portal, in the words of its pages.</summary>
internal static class PortalPages
{
    public static async Task SignInAsync(IPage page, string user, string password, string path = "/account/login")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("User name or e-mail").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>On /account/two-factor: reads the key, types the app's code, and answers the key.</summary>
    public static async Task<string> EnrolAsync(IPage page)
    {
        var key = (await page.GetByTestId("shared-key").InnerTextAsync()).Trim();
        await Expect(page.GetByTestId("otpauth-uri")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^otpauth://totp/"));
        await page.GetByLabel("Verification code").FillAsync(CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        return key;
    }

    public static string CodeFor(string sharedKey) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();
}
