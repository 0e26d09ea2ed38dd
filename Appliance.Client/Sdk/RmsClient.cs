using System.Security.Cryptography;
using Appliance.Client.Sdk.Http;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;

namespace Appliance.Client.Sdk;

/// <summary>
/// The appliance SDK: sign in, bootstrap, protect and open documents, and the admin API. It keeps its
/// state (tokens, identity) in memory and tells the caller when it changes, so that a caller (the `rms`
/// CLI, an application) decides where to keep it.
/// </summary>
public sealed partial class RmsClient : IDisposable
{
    private readonly ApiConnection _api;
    private readonly TimeProvider _time;
    private TrustedIdentity? _identity;

    public RmsClient(RmsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = new ApiConnection(options);
        _time = options.TimeProvider;
        _api.TokensChanged += (_, tokens) => TokensChanged?.Invoke(this, tokens);
        if (options.Identity is not null)
        {
            _identity = TrustedIdentity.Verify(options.Identity);
        }

        _external = options.External;
        _licenseCache = options.LicenseCache;
    }

    /// <summary>Raised after a sign-in or a token refresh (null after <see cref="SignOut"/>).</summary>
    public event EventHandler<TokenSet?>? TokensChanged;

    /// <summary>Raised after a bootstrap replaced the identity.</summary>
    public event EventHandler<RmsIdentity>? IdentityChanged;

    public Uri Server => _api.Server;

    public TokenSet? Tokens => _api.Tokens;

    public RmsIdentity? Identity => _identity?.Identity;

    /// <summary>The signed-in user's e-mail address, from the verified user certificate.</summary>
    public string? UserEmail => _identity?.User.Email ?? _external?.Email;

    public Guid? UserId => _identity?.User.UserId;

    // --- Sign-in -------------------------------------------------------------------------------

    /// <summary>Signs in with the OAuth 2.0 password grant.</summary>
    public Task<TokenSet> LoginAsync(string userName, string password, CancellationToken ct = default) =>
        _api.PasswordGrantAsync(userName, password, ct);

    /// <summary>Signs in with an ID token from an external provider the appliance trusts (RFC 8693 token exchange).</summary>
    public Task<TokenSet> LoginWithIdTokenAsync(string idToken, CancellationToken ct = default) =>
        _api.TokenExchangeGrantAsync(idToken, ct);

    /// <summary>Signs a service in with the OAuth 2.0 client credentials grant.</summary>
    public Task<TokenSet> LoginWithClientCredentialsAsync(string clientId, string clientSecret, CancellationToken ct = default) =>
        _api.ClientCredentialsGrantAsync(clientId, clientSecret, ct);

    /// <summary>
    /// Signs a person in with the device authorization flow (RFC 8628): <paramref name="show"/> tells them
    /// where to approve, then this polls at the interval the appliance asks for until they approve, refuse
    /// or the code expires.
    /// </summary>
    public async Task<TokenSet> LoginWithDeviceAsync(Func<DeviceAuthorization, CancellationToken, Task> show, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(show);
        var authorization = await _api.StartDeviceAuthorizationAsync(ct);
        await show(authorization, ct);
        var deadline = _time.GetUtcNow() + authorization.ExpiresIn;
        var interval = authorization.Interval;
        while (true)
        {
            await Task.Delay(interval, _time, ct);
            var (tokens, wait) = await _api.PollDeviceCodeAsync(authorization, ct);
            if (tokens is not null)
            {
                return tokens;
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new RmsApiException(ProblemCodes.Unauthenticated, "the sign-in code expired before it was approved; run rms login again", System.Net.HttpStatusCode.BadRequest);
            }

            // RFC 8628 section 3.5: slow_down asks for five more seconds between polls from now on.
            if (wait == "slow_down")
            {
                interval += TimeSpan.FromSeconds(5);
            }
        }
    }

    /// <summary>Exchanges the refresh token for new tokens.</summary>
    public Task<TokenSet> RefreshTokensAsync(CancellationToken ct = default) => _api.RefreshAsync(ct);

    public void SignOut()
    {
        _api.SignOut();
        _identity = null;
    }

    /// <summary>
    /// Gets this user's certificate, key pair and the tenant certificates, verifies them, and keeps them
    /// as <see cref="Identity"/>. An appliance admin outside any tenant gets an <see cref="RmsApiException"/>
    /// with code tenant-not-activated or not-bootstrapped.
    /// </summary>
    public async Task<RmsIdentity> BootstrapAsync(CancellationToken ct = default)
    {
        var response = await _api.SendAsync<BootstrapResponse>(HttpMethod.Post, "api/v1/bootstrap", null, ct);
        var identity = RmsIdentity.FromBootstrap(response);
        _identity = TrustedIdentity.Verify(identity);
        IdentityChanged?.Invoke(this, identity);
        return identity;
    }

    // --- Licensing API -------------------------------------------------------------------------

    public Task<RegisterContentResponse> RegisterContentAsync(RegisterContentRequest request, CancellationToken ct = default) =>
        _api.SendAsync<RegisterContentResponse>(HttpMethod.Post, "api/v1/publish", request, ct);

    public Task<AcquireLicenseResponse> AcquireLicenseAsync(AcquireLicenseRequest request, CancellationToken ct = default) =>
        _api.SendAsync<AcquireLicenseResponse>(HttpMethod.Post, "api/v1/licenses", request, ct);

    // --- Admin API -----------------------------------------------------------------------------

    public Task<TenantSummary> ActivateTenantAsync(ActivateTenantRequest request, CancellationToken ct = default) =>
        _api.SendAsync<TenantSummary>(HttpMethod.Post, "api/admin/v1/tenants", request, ct);

    public Task<IReadOnlyList<TenantSummary>> ListTenantsAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<TenantSummary>>(HttpMethod.Get, "api/admin/v1/tenants", null, ct);

    public Task<UserSummary> CreateUserAsync(CreateUserRequest request, CancellationToken ct = default) =>
        _api.SendAsync<UserSummary>(HttpMethod.Post, "api/admin/v1/users", request, ct);

    public Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<UserSummary>>(HttpMethod.Get, "api/admin/v1/users", null, ct);

    /// <summary>Locks an account until an administrator unlocks it: no sign-in, refresh or licence meanwhile.</summary>
    public Task LockUserAsync(string account, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Post, $"api/admin/v1/users/{Uri.EscapeDataString(account)}/lock", null, ct);

    public Task UnlockUserAsync(string account, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Post, $"api/admin/v1/users/{Uri.EscapeDataString(account)}/unlock", null, ct);

    public Task<GroupSummary> CreateGroupAsync(CreateGroupRequest request, CancellationToken ct = default) =>
        _api.SendAsync<GroupSummary>(HttpMethod.Post, "api/admin/v1/groups", request, ct);

    public Task<IReadOnlyList<GroupSummary>> ListGroupsAsync(CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<GroupSummary>>(HttpMethod.Get, "api/admin/v1/groups", null, ct);

    /// <summary>The group's direct members; nested groups are listed by address, not expanded.</summary>
    public Task<IReadOnlyList<GroupMemberSummary>> ListGroupMembersAsync(string group, CancellationToken ct = default) =>
        _api.SendAsync<IReadOnlyList<GroupMemberSummary>>(HttpMethod.Get, $"api/admin/v1/groups/{Uri.EscapeDataString(group)}/members", null, ct);

    public Task AddGroupMemberAsync(string group, string member, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Post, $"api/admin/v1/groups/{Uri.EscapeDataString(group)}/members", new AddMemberRequest(member), ct);

    public Task RemoveGroupMemberAsync(string group, string member, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/admin/v1/groups/{Uri.EscapeDataString(group)}/members/{Uri.EscapeDataString(member)}", null, ct);

    // --- Documents -----------------------------------------------------------------------------

    /// <summary>
    /// Protects <paramref name="plaintext"/> into <paramref name="output"/>: a random content key, a
    /// publishing licence signed with the user key for the active tenant key, registered with the
    /// appliance before a single byte of the container is written.
    /// </summary>
    public async Task<ProtectionResult> ProtectAsync(Stream plaintext, Stream output, ProtectionOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefuseProtectAsExternal();
        var identity = RequireIdentity();
        var user = identity.User;
        if (user.ExpiresAt <= _time.GetUtcNow())
        {
            throw new RmsException(ProblemCodes.Unauthenticated, "your user certificate has expired; run rms login again");
        }

        var active = identity.ActiveKey.Certificate;
        var owner = user.Email.ToLowerInvariant();
        var policy = new ProtectionPolicy(owner, options.Grants, options.ExpiresAt, options.OfflineDays, options.TemplateId, options.TemplateName);
        var contentId = Guid.NewGuid();
        var contentKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            string publishingLicense;
            using (var rsa = identity.OpenPrivateKey())
            using (var signer = new SoftwareSignatureKey(user.UserId.ToString(), rsa))
            {
                var request = new PublishingLicenseRequest(
                    contentId, active.TenantId, owner, active.KeyId, active.EncryptionPublicKey, active.WrapAlgorithm, policy, contentKey);
                publishingLicense = await PublishingLicense.CreateAsync(request, signer, identity.Identity.UserCertificate, ct);
            }

            var registered = await RegisterContentAsync(new RegisterContentRequest(publishingLicense, options.FileName, options.NotifyOwner), ct);
            var metadata = new ProtectedFileMetadata(options.FileName, options.ContentType ?? ProtectedFileNames.ContentTypeFor(options.FileName));
            await ProtectedFile.EncryptAsync(plaintext, output, publishingLicense, contentId, metadata, contentKey, ct);
            return new ProtectionResult(contentId, publishingLicense, policy, registered.RegisteredAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    /// <summary>Reads a protected file's header (no key, no appliance call needed).</summary>
    public static async Task<ProtectedFileHeader> ReadHeaderAsync(Stream protectedInput, CancellationToken ct = default)
    {
        try
        {
            return await ProtectedFile.ReadHeaderAsync(protectedInput, ct);
        }
        catch (ProtectedFileException ex)
        {
            throw ProtectedFileErrors.ToRmsException(ex);
        }
    }

    /// <summary>
    /// A verified use licence for the document: from the licence cache while a cached one is still valid offline,
    /// otherwise asked of the appliance. Either way it must be signed by a tenant signing key this device knows
    /// (bootstrapping once more if the appliance signed with a new key, after a key roll), be for this document and
    /// be issued to this user.
    /// </summary>
    public async Task<DocumentLicense> OpenAsync(ProtectedFileHeader header, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (_identity is null && _external is not null)
        {
            return await OpenAsExternalAsync(header, _external, ct);
        }

        var identity = RequireIdentity();
        if (OpenFromCache(header, identity) is { } cached)
        {
            return cached;
        }

        var response = await AcquireLicenseAsync(new AcquireLicenseRequest(header.PublishingLicense, PublicKey: null), ct);
        var kid = JwsKid.Read(response.UseLicense)
            ?? throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence from the appliance is malformed");

        var key = identity.FindSigningKey(kid);
        if (key is null)
        {
            await BootstrapAsync(ct);
            identity = RequireIdentity();
            key = identity.FindSigningKey(kid)
                ?? throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence is signed by a tenant key the appliance sent no certificate for");
        }

        var content = VerifyUseLicense(response.UseLicense, key, header, identity.User);
        Remember(content, response.UseLicense);
        return new DocumentLicense(header, content, response.UseLicense, identity.OpenPrivateKey, fromCache: false);
    }

    /// <summary>Reads the header of <paramref name="protectedInput"/> and opens it; the stream is rewound when seekable.</summary>
    public async Task<DocumentLicense> OpenAsync(Stream protectedInput, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(protectedInput);
        var start = protectedInput.CanSeek ? protectedInput.Position : 0;
        var header = await ReadHeaderAsync(protectedInput, ct);
        if (protectedInput.CanSeek)
        {
            protectedInput.Position = start;
        }

        return await OpenAsync(header, ct);
    }

    /// <summary>Checks a use licence against the tenant key <paramref name="key"/>, the document and the user.</summary>
    private static UseLicenseContent VerifyUseLicense(string useLicense, TrustedTenantKey key, ProtectedFileHeader header, UserCertificateContent user)
    {
        UseLicenseContent content;
        try
        {
            content = UseLicense.Verify(useLicense, key.Certificate.SigningPublicKey);
        }
        catch (LicenseException ex)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the use licence from the appliance failed verification", ex);
        }

        if (content.ContentId != header.ContentId)
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the appliance sent a use licence for another document");
        }

        if (!IsIssuedTo(content.IssuedTo, user))
        {
            throw new RmsException(ClientErrorCodes.InvalidLicense, "the appliance sent a use licence issued to someone else");
        }

        return content;
    }

    private static bool IsIssuedTo(string issuedTo, UserCertificateContent user) =>
        string.Equals(issuedTo, user.Email, StringComparison.OrdinalIgnoreCase)
        || string.Equals(issuedTo, user.UserId.ToString(), StringComparison.OrdinalIgnoreCase);

    private TrustedIdentity RequireIdentity() =>
        _identity ?? throw new RmsException(
            ClientErrorCodes.NoIdentity,
            "this device has no user keys; run rms login as a user of an activated organisation");

    public void Dispose() => _api.Dispose();
}
