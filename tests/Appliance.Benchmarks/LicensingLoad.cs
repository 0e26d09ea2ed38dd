using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Crypto.Signing;
using Appliance.Data;
using Appliance.Hsm;
using Appliance.Web.Identity;
using Appliance.Web.Licensing;
using Appliance.Web.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Benchmarks;

/// <summary>
/// Use licences per second over HTTP, against what the HSM alone does per second for the same work
/// (one OAEP unwrap plus one signature with the tenant's keys), measured in the same run with the same
/// number of concurrent callers. Bounded in time; talks to 127.0.0.1 only.
/// </summary>
internal static class LicensingLoad
{
    public static async Task<int> RunAsync(int seconds, int clients)
    {
        await using var node = new BenchmarkNode();
        await node.SetUpTenantAsync();
        using var owner = await node.SignInAsync("owner@bench.test", "benchmark password");
        var identity = await (await owner.PostAsync("/api/v1/bootstrap", null)).Content.ReadFromJsonAsync<BootstrapResponse>();
        var license = await PublishAsync(owner, identity!);

        var readers = new List<HttpClient>();
        for (var i = 0; i < clients; i++)
        {
            readers.Add(await node.SignInAsync("reader@bench.test", "benchmark password"));
        }

        using var readerKey = RSA.Create(2048);
        var request = new AcquireLicenseRequest(license, readerKey.ExportSubjectPublicKeyInfo());
        var vault = node.Services.GetRequiredService<ITenantKeyVault>();
        var readerId = await QueryReaderAsync(node);
        var key = await QueryKeyAsync(node);
        var wrapped = RsaKeyWrap.Wrap(key.EncryptionPublicKey, RandomNumberGenerator.GetBytes(32), KeyWrapAlgorithm.RsaOaepSha1);
        var toSign = RandomNumberGenerator.GetBytes(700);

        // Warm both paths, then measure the raw HSM rate and the HTTP rate back to back.
        await LoopAsync(TimeSpan.FromSeconds(1), clients, () => AcquireOnceAsync(readers[0], request));
        var raw = await LoopAsync(TimeSpan.FromSeconds(seconds), clients, () =>
        {
            vault.Unwrap("emea", key.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1);
            vault.Sign("emea", key.KeyId, toSign, SignatureAlgorithm.Es256);
            return Task.CompletedTask;
        });
        var unwrapOnly = await LoopAsync(TimeSpan.FromSeconds(seconds), clients, () =>
        {
            vault.Unwrap("emea", key.KeyId, wrapped, KeyWrapAlgorithm.RsaOaepSha1);
            return Task.CompletedTask;
        });
        // The licensing service called in-process: what HTTP, authentication and the usage log add is the difference.
        var service = await LoopAsync(TimeSpan.FromSeconds(seconds), clients, async () =>
        {
            await using var scope = node.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplianceDbContext>();
            var caller = await LicensingCaller.LoadAsync(db, new Caller(readerId, null), TimeProvider.System, default);
            await scope.ServiceProvider.GetRequiredService<LicenseIssuer>().AcquireAsync(caller, request, new UsageRecord("AcquireLicense"), default);
        });
        var next = 0;
        var http = await LoopAsync(TimeSpan.FromSeconds(seconds), clients,
            () => AcquireOnceAsync(readers[Interlocked.Increment(ref next) % readers.Count], request));

        foreach (var reader in readers)
        {
            reader.Dispose();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clients: {clients}, seconds per phase: {seconds}, cores: {Environment.ProcessorCount}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw HSM unwrap only:           {unwrapOnly,8:F0} /s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw HSM unwrap+sign (ES256):   {raw,8:F0} /s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"licensing service, no HTTP:    {service,8:F0} /s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"use licences over HTTP:        {http,8:F0} /s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio licences / raw unwrap+sign: {http / raw:P0}"));
        return 0;
    }

    private static async Task AcquireOnceAsync(HttpClient client, AcquireLicenseRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/licenses", request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<double> LoopAsync(TimeSpan duration, int workers, Func<Task> operation)
    {
        var count = 0L;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await operation();
                Interlocked.Increment(ref count);
            }
        }));
        await Task.WhenAll(tasks);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> PublishAsync(HttpClient owner, BootstrapResponse identity)
    {
        var tenant = TenantCertificate.Verify(identity.TenantCertificates.Single());
        var user = UserCertificate.Verify(identity.UserCertificate, tenant.SigningPublicKey);
        var userKey = RSA.Create();
        userKey.ImportPkcs8PrivateKey(identity.UserPrivateKey, out _);
        using var signer = new SoftwareSignatureKey(user.UserId.ToString(), userKey);
        var policy = new ProtectionPolicy(user.Email, [new RightsGrant("reader@bench.test", ["VIEW"])], null, null, null, null);
        var license = await PublishingLicense.CreateAsync(
            new PublishingLicenseRequest(Guid.NewGuid(), tenant.TenantId, "urn:bench", tenant.KeyId, tenant.EncryptionPublicKey,
                tenant.WrapAlgorithm, policy, RandomNumberGenerator.GetBytes(32)),
            signer, identity.UserCertificate, CancellationToken.None);
        (await owner.PostAsJsonAsync("/api/v1/publish", new RegisterContentRequest(license, "bench.docx"))).EnsureSuccessStatusCode();
        return license;
    }

    private static async Task<Guid> QueryReaderAsync(BenchmarkNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplianceDbContext>().Users.AsNoTracking()
            .Where(u => u.Email == "reader@bench.test").Select(u => u.Id).SingleAsync();
    }

    private static async Task<Appliance.Data.Tenants.TenantKey> QueryKeyAsync(BenchmarkNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplianceDbContext>().TenantKeys.AsNoTracking().SingleAsync();
    }
}
