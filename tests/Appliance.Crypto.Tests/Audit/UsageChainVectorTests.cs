using System.Text.Json.Nodes;
using Appliance.Crypto.Audit;
using Appliance.Crypto.Tests.Vectors;

namespace Appliance.Crypto.Tests.Audit;

/// <summary>
/// docs/vectors/audit-chain.json: two chained entries and a checkpoint statement, so a third party can check its own
/// implementation of docs/audit-log.md. Regenerated like the other vectors (RMS_WRITE_TEST_VECTORS=1).
/// </summary>
public sealed class UsageChainVectorTests
{
    private const string File = "audit-chain.json";

    internal static readonly ChainedUsageEntry First = new(
        RowId: 101, Chain: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", Sequence: 1,
        Timestamp: new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero).AddTicks(1234560),
        TenantId: Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), RequestType: "AcquireLicense",
        UserId: Guid.Parse("9b2d7c1e-0a4f-4e8b-8f6a-2c1d3e4f5a6b"), UserEmail: "bob@contoso.test", Result: "Granted", ErrorCode: null,
        CorrelationId: "0HN1:00000001", ContentId: Guid.Parse("c0ffee00-1234-4abc-8def-0123456789ab"), OwnerEmail: "alice@contoso.test",
        Issuer: "alice@contoso.test", TemplateId: null, FileName: "plan.docx.pfile",
        DatePublished: new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), Rights: "VIEW,PRINT", ClientInfo: "rms/1.0 (linux)",
        ClientIp: "192.0.2.7", AdminAction: null, ActingAs: null, PreviousHash: [], Hash: []);

    internal static readonly ChainedUsageEntry Second = First with
    {
        RowId = 107, Sequence = 2, Timestamp = First.Timestamp.AddSeconds(2), UserId = null, UserEmail = "eve@contoso.test",
        Result = "Denied", ErrorCode = "access-denied", CorrelationId = "0HN1:00000002", Rights = null, ClientIp = "2001:db8::5",
        FileName = "plän ü.docx.pfile",
    };

    [Fact]
    public void Vectors_RecomputeFromTheirInputs()
    {
        var first = UsageChainHash.Compute(UsageChainHash.Genesis, First);
        var second = UsageChainHash.Compute(first, Second);
        var statement = new UsageCheckpointStatement(1, First.Chain, 2, second, "Periodic",
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), First.TenantId!.Value, "3f2504e0-v1", "ES256", []);
        var computed = new JsonObject
        {
            ["description"] = "Usage-log hash chain (docs/audit-log.md): each entry's fields in order, its hash over the previous one, and a checkpoint's signed bytes.",
            ["entries"] = new JsonArray(Describe(First, UsageChainHash.Genesis, first), Describe(Second, first, second)),
            ["checkpoint"] = new JsonObject
            {
                ["chain"] = statement.Chain,
                ["sequence"] = statement.Sequence,
                ["headHash"] = Convert.ToHexStringLower(statement.HeadHash),
                ["kind"] = statement.Kind,
                ["createdAt"] = UsageChainHash.Format(statement.CreatedAt),
                ["signerTenantId"] = statement.SignerTenantId.ToString("D"),
                ["keyId"] = statement.KeyId,
                ["algorithm"] = statement.Algorithm,
                ["signedBytes"] = Convert.ToHexStringLower(UsageChainHash.CheckpointPayload(statement)),
            },
        };

        if (VectorFiles.RegenerateRequested)
        {
            VectorFiles.Write(File, computed);
        }

        Assert.Equal(VectorFiles.Read(File).ToJsonString(), computed.ToJsonString());
    }

    [Fact]
    public void Compute_OneFieldChanged_DifferentHash()
    {
        var original = UsageChainHash.Compute(UsageChainHash.Genesis, First);

        Assert.NotEqual(original, UsageChainHash.Compute(UsageChainHash.Genesis, First with { UserEmail = "carol@contoso.test" }));
        Assert.NotEqual(original, UsageChainHash.Compute(UsageChainHash.Genesis, First with { ErrorCode = string.Empty }));
        Assert.NotEqual(original, UsageChainHash.Compute(UsageChainHash.Genesis, First with { Sequence = 2 }));
        Assert.NotEqual(original, UsageChainHash.Compute(new byte[32].Select(_ => (byte)1).ToArray(), First));
        // Fields are length-prefixed: moving text from one field to its neighbour changes the hash.
        Assert.NotEqual(
            UsageChainHash.Compute(UsageChainHash.Genesis, First with { OwnerEmail = "ab", Issuer = "c" }),
            UsageChainHash.Compute(UsageChainHash.Genesis, First with { OwnerEmail = "a", Issuer = "bc" }));
        // The row id says where a row is stored, not what it says: not hashed.
        Assert.Equal(original, UsageChainHash.Compute(UsageChainHash.Genesis, First with { RowId = 5 }));
    }

    [Fact]
    public void Normalise_TruncatesToMicrosecondsInUtc()
    {
        var local = new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var normalised = UsageChainHash.Normalise(local);

        Assert.Equal(TimeSpan.Zero, normalised.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), normalised);
        Assert.Equal("2026-12-01T09:00:00.123456Z", UsageChainHash.Format(local));
    }

    private static JsonObject Describe(ChainedUsageEntry e, byte[] previous, byte[] hash) => new()
    {
        ["chain"] = e.Chain,
        ["sequence"] = e.Sequence,
        ["timestamp"] = UsageChainHash.Format(e.Timestamp),
        ["tenantId"] = e.TenantId?.ToString("D"),
        ["requestType"] = e.RequestType,
        ["userId"] = e.UserId?.ToString("D"),
        ["userEmail"] = e.UserEmail,
        ["result"] = e.Result,
        ["errorCode"] = e.ErrorCode,
        ["correlationId"] = e.CorrelationId,
        ["contentId"] = e.ContentId?.ToString("D"),
        ["ownerEmail"] = e.OwnerEmail,
        ["issuer"] = e.Issuer,
        ["templateId"] = e.TemplateId?.ToString("D"),
        ["fileName"] = e.FileName,
        ["datePublished"] = e.DatePublished is { } p ? UsageChainHash.Format(p) : null,
        ["rights"] = e.Rights,
        ["clientInfo"] = e.ClientInfo,
        ["clientIp"] = e.ClientIp,
        ["adminAction"] = e.AdminAction,
        ["actingAs"] = e.ActingAs,
        ["previousHash"] = Convert.ToHexStringLower(previous),
        ["hash"] = Convert.ToHexStringLower(hash),
    };
}
