using Appliance.Crypto.Rights;

namespace Appliance.Client.Sdk;

// Changing the protection of a document (issue 5, point 8): the content is protected anew, as a new document.
public sealed partial class RmsClient
{
    /// <summary>How <see cref="InsufficientRightsException"/> names the operation of <see cref="ReprotectAsync"/>.</summary>
    public const string ChangeProtectionOperation = "changing the protection";

    /// <summary>
    /// Protects the content of an opened document under <paramref name="options"/> into <paramref name="output"/>: a
    /// new document with its own content id and content key, registered like any other (the original and its
    /// licences are untouched). Needs OWNER or EDITRIGHTSDATA on the original, else throws
    /// <see cref="InsufficientRightsException"/> before anything is sent. The plaintext goes straight from the
    /// decryption to the encryption, never to a file or a buffer of its own.
    /// </summary>
    /// <param name="protectedInput">The original container, positioned at its start.</param>
    public async Task<ProtectionResult> ReprotectAsync(
        DocumentLicense license, Stream protectedInput, Stream output, ProtectionOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(license);
        ArgumentNullException.ThrowIfNull(protectedInput);
        license.Demand(ChangeProtectionOperation, UsageRights.Owner, UsageRights.EditRightsData);

        using var handoff = new PlaintextHandoff();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var decrypting = DecryptIntoAsync(license, protectedInput, handoff, stop.Token);
        try
        {
            var result = await ProtectAsync(handoff.Reader, output, options, ct);
            await decrypting;
            return result;
        }
        catch
        {
            // Protecting failed (registration refused, cancelled, or the decryption's own failure read back through
            // the hand-off): stop the decryption and report the first failure, not the cancellation it causes.
            await stop.CancelAsync();
            await Task.WhenAny(decrypting);
            _ = decrypting.Exception;
            throw;
        }
    }

    private static async Task DecryptIntoAsync(DocumentLicense license, Stream protectedInput, PlaintextHandoff handoff, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await license.DecryptAsync(protectedInput, handoff.Writer, ct);
            handoff.Complete(null);
        }
        catch (Exception ex)
        {
            handoff.Complete(ex);
            throw;
        }
    }
}
