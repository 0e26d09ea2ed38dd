using System.Globalization;
using Appliance.Client.Cli;
using Appliance.Crypto.Container;
using Appliance.Data.Usage;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.EndToEnd.Tests;

/// <summary>
/// Issue 5's client side through the real <c>rms</c> and a real node: --expires Nd (point 2), the rights each verb
/// needs and changing the protection as a new document (point 8), and Do Not Forward (point 9).
/// </summary>
public sealed class ClientPolicyTests : IAsyncLifetime
{
    private const string DoNotForwardRights = "VIEW,EDIT,DOCEDIT,REPLY,REPLYALL,OBJMODEL,VIEWRIGHTSDATA";

    private readonly ApplianceFactory _node = new(regions: ["emea"]);
    private readonly string _work = Directory.CreateTempSubdirectory("appliance-e2e-policy-").FullName;
    private readonly MovableClock _clock = new(DateTimeOffset.UtcNow);
    private string _server = string.Empty;

    public async Task InitializeAsync()
    {
        _server = _node.BaseAddress.ToString().TrimEnd('/');
        await _node.ActivateTenantAsync("Contoso", "emea", "contoso.test");
        foreach (var name in new[] { "alice", "bob", "carol", "eve" })
        {
            await _node.AddUserAsync($"{name}@contoso.test", $"password of {name} 123");
        }
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<RmsRunner> SignedInAsync(string name)
    {
        var rms = new RmsRunner(Path.Combine(_work, "home-" + name)) { Clock = _clock };
        (await rms.RunWithInputAsync($"password of {name} 123\n", "login", "--server", _server, "--user", $"{name}@contoso.test", "--password-stdin")).Succeeded();
        return rms;
    }

    private static async Task<Guid> ContentIdAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        return (await ProtectedFile.ReadHeaderAsync(stream, CancellationToken.None)).ContentId;
    }

    private static void AssertRefused(RmsResult result, string sentence)
    {
        Assert.Equal(ExitCodes.AccessDenied, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(sentence, result.Stderr.Trim());
    }

    [Fact]
    public async Task DoNotForward_RecipientViewsButCannotUnprotect_NonRecipientRefused()
    {
        var alice = await SignedInAsync("alice");
        var bob = await SignedInAsync("bob");
        var eve = await SignedInAsync("eve");
        var notes = Path.Combine(_work, "notes.txt");
        await File.WriteAllTextAsync(notes, "board notes\n");

        var protect = (await alice.RunAsync("protect", notes, "--do-not-forward", "--to", "bob@contoso.test,carol@contoso.test")).Succeeded();
        var protectedNotes = Path.Combine(_work, "notes.ptxt");
        var view = await bob.RunAsync("view", protectedNotes);
        var info = await bob.RunAsync("info", protectedNotes);
        var copy = Path.Combine(_work, "copy.txt");
        var unprotect = await bob.RunAsync("unprotect", protectedNotes, "-o", copy);
        var eveView = await eve.RunAsync("view", protectedNotes);

        Assert.Contains("as Do Not Forward for bob@contoso.test, carol@contoso.test", protect.Output, StringComparison.Ordinal);
        Assert.Equal("board notes\n", view.Succeeded().Output);
        Assert.Contains($"your rights: {DoNotForwardRights}", info.Succeeded().Output, StringComparison.Ordinal);
        AssertRefused(unprotect, $"you hold {DoNotForwardRights.Replace(",", ", ", StringComparison.Ordinal)} but unprotect needs EXPORT or OWNER");
        Assert.False(File.Exists(copy));
        Assert.Equal(ExitCodes.AccessDenied, eveView.ExitCode);
        Assert.Empty(eveView.Stdout);
        Assert.Contains("eve@contoso.test has no rights to this document", eveView.Stderr, StringComparison.Ordinal);
        var granted = await _node.QueryAsync(db => db.UsageLog.AsNoTracking()
            .Where(e => e.RequestType == "AcquireLicense" && e.UserEmail == "bob@contoso.test" && e.Result == UsageResult.Granted)
            .Select(e => e.Rights).ToListAsync());
        Assert.Equal([DoNotForwardRights], granted.Distinct());
    }

    [Fact]
    public async Task DoNotForward_EmlWithoutTo_RecipientsFromToCcAndBcc()
    {
        var alice = await SignedInAsync("alice");
        var carol = await SignedInAsync("carol");
        var eve = await SignedInAsync("eve");
        var mail = Path.Combine(_work, "offer.eml");
        await File.WriteAllTextAsync(mail,
            "From: alice@contoso.test\r\nTo: Bob <bob@contoso.test>\r\nCc: carol@contoso.test\r\nSubject: Offer\r\n\r\nThe offer.\r\n");

        (await alice.RunAsync("protect", mail, "--do-not-forward")).Succeeded();
        var carolView = await carol.RunAsync("view", mail + ".pfile");
        var eveView = await eve.RunAsync("view", mail + ".pfile");
        var ownerInfo = (await alice.RunAsync("info", mail + ".pfile")).Succeeded();

        Assert.Equal(await File.ReadAllTextAsync(mail), carolView.Succeeded().Output);
        Assert.Equal(ExitCodes.AccessDenied, eveView.ExitCode);
        Assert.Contains($"grant: bob@contoso.test {DoNotForwardRights}", ownerInfo.Output, StringComparison.Ordinal);
        Assert.Contains($"grant: carol@contoso.test {DoNotForwardRights}", ownerInfo.Output, StringComparison.Ordinal);
        Assert.Contains("content type: message/rfc822", ownerInfo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reprotect_ViewHolderRefused_OwnerAndEditRightsDataHolderMakeNewDocuments()
    {
        // Arrange - bob may only read; carol may change the protection.
        var alice = await SignedInAsync("alice");
        var bob = await SignedInAsync("bob");
        var carol = await SignedInAsync("carol");
        var eve = await SignedInAsync("eve");
        var plan = Path.Combine(_work, "plan.txt");
        await File.WriteAllTextAsync(plan, "the plan\n");
        (await alice.RunAsync("protect", plan, "--grant", "bob@contoso.test=VIEW", "--grant", "carol@contoso.test=VIEW,EDITRIGHTSDATA")).Succeeded();
        var original = Path.Combine(_work, "plan.ptxt");

        // Act
        var bobCopy = Path.Combine(_work, "bob.ptxt");
        var refused = await bob.RunAsync("reprotect", original, "--grant", "eve@contoso.test=VIEW", "-o", bobCopy);
        var aliceCopy = Path.Combine(_work, "for-eve.ptxt");
        var byOwner = await alice.RunAsync("reprotect", original, "--grant", "eve@contoso.test=VIEW", "-o", aliceCopy);
        var carolCopy = Path.Combine(_work, "view-only.ptxt");
        var byEditor = await carol.RunAsync("reprotect", original, "--template", "Contoso - Confidential View Only", "-o", carolCopy);
        var eveCopy = await eve.RunAsync("view", aliceCopy);
        var eveTemplateCopy = await eve.RunAsync("view", carolCopy);
        var eveOriginal = await eve.RunAsync("view", original);

        // Assert
        AssertRefused(refused, "you hold VIEW but changing the protection needs OWNER or EDITRIGHTSDATA");
        Assert.False(File.Exists(bobCopy));
        byOwner.Succeeded();
        byEditor.Succeeded();
        Assert.Equal("the plan\n", eveCopy.Succeeded().Output);
        Assert.Equal("the plan\n", eveTemplateCopy.Succeeded().Output);
        Assert.Equal(ExitCodes.AccessDenied, eveOriginal.ExitCode);

        var ids = new[] { await ContentIdAsync(original), await ContentIdAsync(aliceCopy), await ContentIdAsync(carolCopy) };
        Assert.Equal(3, ids.Distinct().Count());
        var documents = await _node.QueryAsync(db => db.ProtectedDocuments.AsNoTracking().ToListAsync());
        Assert.Equal(ids.Order(), documents.Select(d => d.ContentId).Order());
        Assert.Equal("alice@contoso.test", documents.Single(d => d.ContentId == ids[1]).OwnerEmail);
        var byTemplate = documents.Single(d => d.ContentId == ids[2]);
        Assert.Equal("carol@contoso.test", byTemplate.OwnerEmail);
        Assert.NotNull(byTemplate.TemplateId);
        Assert.All(documents, d => Assert.Equal("plan.txt", d.FileName));
        Assert.Empty(Directory.GetFiles(_work, "*.tmp"));
    }

    [Fact]
    public async Task View_GrantWithoutView_RefusedNamingViewAndNothingWritten()
    {
        var alice = await SignedInAsync("alice");
        var bob = await SignedInAsync("bob");
        var sheet = Path.Combine(_work, "sheet.txt");
        await File.WriteAllTextAsync(sheet, "print me\n");
        (await alice.RunAsync("protect", sheet, "--grant", "bob@contoso.test=PRINT")).Succeeded();

        var view = await bob.RunAsync("view", Path.Combine(_work, "sheet.ptxt"));

        AssertRefused(view, "you hold PRINT but view needs VIEW");
    }

    [Fact]
    public async Task Protect_ExpiresInDays_CountsFromTheMomentOfProtection()
    {
        var alice = await SignedInAsync("alice");
        var memo = Path.Combine(_work, "memo.txt");
        await File.WriteAllTextAsync(memo, "memo\n");
        var expected = _clock.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var zero = await alice.RunAsync("protect", memo, "--grant", "bob@contoso.test=VIEW", "--expires", "0d");
        (await alice.RunAsync("protect", memo, "--grant", "bob@contoso.test=VIEW", "--expires", "30d")).Succeeded();
        var info = (await alice.RunAsync("info", Path.Combine(_work, "memo.ptxt"))).Succeeded();

        Assert.Equal(ExitCodes.Usage, zero.ExitCode);
        Assert.Single(zero.Stderr.Trim().Split('\n'));
        Assert.Contains("a number of days after protection", zero.Stderr, StringComparison.Ordinal);
        Assert.Contains($"expires: {expected}", info.Output, StringComparison.Ordinal);
    }
}
