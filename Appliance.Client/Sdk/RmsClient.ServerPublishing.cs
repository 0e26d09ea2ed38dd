using System.Security.Cryptography;
using Appliance.Crypto.Container;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Wire;

namespace Appliance.Client.Sdk;

/// <summary>Protection done by the appliance, for a client that has not bootstrapped or cannot keep a user key.</summary>
public sealed partial class RmsClient
{
    public Task<ServerPublishResponse> PublishOnServerAsync(ServerPublishRequest request, CancellationToken ct = default) =>
        _api.SendAsync<ServerPublishResponse>(HttpMethod.Post, "api/v1/publish/server", request, ct);

    /// <summary>
    /// Protects <paramref name="plaintext"/> into <paramref name="output"/> with a publishing licence the appliance
    /// makes and signs. The content key comes back wrapped for a throw-away RSA key made here for this one document,
    /// so it never crosses the network in the clear and nothing needs to be kept afterwards.
    /// </summary>
    public async Task<ServerProtectionResult> ProtectOnServerAsync(Stream plaintext, Stream output, ProtectionOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var recipient = RSA.Create(3072);
        var request = options.TemplateId is { } templateId
            ? new ServerPublishRequest(recipient.ExportSubjectPublicKeyInfo(), TemplateId: templateId, FileName: options.FileName, NotifyOwner: options.NotifyOwner)
            : new ServerPublishRequest(recipient.ExportSubjectPublicKeyInfo(), null, options.Grants, options.ExpiresAt, options.OfflineDays, options.FileName, options.NotifyOwner);
        var response = await PublishOnServerAsync(request, ct);
        if (!WireNames.TryParse(response.WrapAlgorithm, out KeyWrapAlgorithm algorithm)
            || PublishingLicense.Parse(response.PublishingLicense).Content.ContentId != response.ContentId)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the appliance's publishing licence or key wrap is not one this client can use");
        }

        byte[] contentKey;
        try
        {
            contentKey = RsaKeyWrap.Unwrap(recipient, response.WrappedContentKey, algorithm);
        }
        catch (CryptographicException ex)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the content key from the appliance is not wrapped for this device", ex);
        }

        try
        {
            var metadata = new ProtectedFileMetadata(options.FileName, options.ContentType ?? ProtectedFileNames.ContentTypeFor(options.FileName));
            await ProtectedFile.EncryptAsync(plaintext, output, response.PublishingLicense, response.ContentId, metadata, contentKey, ct);
            return new ServerProtectionResult(response.ContentId, response.PublishingLicense, response.RegisteredAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }
}

/// <summary>The result of protecting a document through the appliance.</summary>
public sealed record ServerProtectionResult(Guid ContentId, string PublishingLicense, DateTimeOffset RegisteredAt);
