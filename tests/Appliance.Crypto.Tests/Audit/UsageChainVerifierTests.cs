using System.Security.Cryptography;
using Appliance.Crypto.Audit;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Tests.Audit;

/// <summary>The verifier on its own, over chains built in memory: each kind of tampering is named at the right entry.</summary>
public sealed class UsageChainVerifierTests : IDisposable
{
    private const string Chain = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task Verify_IntactChain_ReportsRangeAndHead()
    {
        var entries = Build(10);

        var report = await VerifyAsync(entries, [Checkpoint(entries, 4), Checkpoint(entries, 10)], head: 10);

        Assert.True(report.Intact);
        Assert.Equal((1, 10, 10, 2), (report.FirstSequence, report.LastSequence, report.EntriesChecked, report.CheckpointsChecked));
        Assert.Equal(Convert.ToHexStringLower(entries[^1].Hash), report.HeadHash);
    }

    [Fact]
    public async Task Verify_FieldChanged_Altered()
    {
        var entries = Build(10);
        entries[6] = entries[6] with { Rights = "VIEW,EXPORT" };

        var problem = (await VerifyAsync(entries, [], head: 10)).Problem!;

        Assert.Equal((UsageChainProblemKind.Altered, 7L, 7L), (problem.Kind, problem.Sequence!.Value, problem.RowId!.Value));
    }

    [Fact]
    public async Task Verify_EntryChangedAndItsHashRecomputed_NamesThatEntry()
    {
        var entries = Build(10);
        var previous = entries[2].Hash;
        var changed = entries[3] with { UserEmail = "carol@contoso.test" };
        entries[3] = changed with { Hash = UsageChainHash.Compute(previous, changed) };

        var problem = (await VerifyAsync(entries, [], head: 10)).Problem!;

        Assert.Equal(UsageChainProblemKind.Altered, problem.Kind);
        Assert.Equal(4, problem.Sequence);
        Assert.Contains("hash recomputed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MiddleEntryMissing_Deleted()
    {
        var entries = Build(10);
        entries.RemoveAt(4);

        var problem = (await VerifyAsync(entries, [], head: 10)).Problem!;

        Assert.Equal((UsageChainProblemKind.Deleted, 5L), (problem.Kind, problem.Sequence!.Value));
    }

    [Fact]
    public async Task Verify_TwoEntriesStoredInEachOthersPlace_Reordered()
    {
        var entries = Build(10);
        (entries[2], entries[7]) = (entries[7], entries[2]);

        var problem = (await VerifyAsync(entries, [], head: 10)).Problem!;

        Assert.Equal((UsageChainProblemKind.Reordered, 3L), (problem.Kind, problem.Sequence!.Value));
    }

    [Fact]
    public async Task Verify_TailMissing_TruncatedFromTheCheckpointOrTheHead()
    {
        var entries = Build(10);
        var checkpoint = Checkpoint(entries, 10);
        entries.RemoveRange(7, 3);

        var byCheckpoint = (await VerifyAsync(entries, [checkpoint], head: null)).Problem!;
        var byHead = (await VerifyAsync(entries, [], head: 10)).Problem!;

        Assert.Equal((UsageChainProblemKind.Truncated, 8L), (byCheckpoint.Kind, byCheckpoint.Sequence!.Value));
        Assert.Equal((UsageChainProblemKind.Truncated, 8L), (byHead.Kind, byHead.Sequence!.Value));
    }

    [Fact]
    public async Task Verify_ChainRewrittenAfterACheckpoint_Mismatch()
    {
        var entries = Build(10);
        var early = Checkpoint(entries, 3);
        var late = Checkpoint(entries, 9);
        var rewritten = Build(10, userOf: i => i == 6 ? "carol@contoso.test" : null);

        var problem = (await VerifyAsync(rewritten, [early, late], head: 10)).Problem!;

        Assert.Equal((UsageChainProblemKind.CheckpointMismatch, 4L), (problem.Kind, problem.Sequence!.Value));
    }

    [Fact]
    public async Task Verify_CheckpointNotSignedByTheKey_Forged()
    {
        var entries = Build(5);
        var forged = Checkpoint(entries, 5) with { Sequence = 4 };

        var problem = (await VerifyAsync(entries, [forged], head: 5)).Problem!;

        Assert.Equal(UsageChainProblemKind.CheckpointForged, problem.Kind);
    }

    [Fact]
    public async Task Verify_AfterRetentionCut_StartsAtTheCut()
    {
        var entries = Build(10);
        var cut = Checkpoint(entries, 6, UsageCheckpointStatement.Retention);

        var report = await VerifyAsync(entries.Skip(6).ToList(), [cut], head: 10);
        var withoutCut = (await VerifyAsync(entries.Skip(6).ToList(), [], head: 10)).Problem!;

        Assert.True(report.Intact);
        Assert.Equal((7, 10), (report.FirstSequence, report.LastSequence));
        Assert.Equal((UsageChainProblemKind.Deleted, 1L), (withoutCut.Kind, withoutCut.Sequence!.Value));
    }

    public void Dispose() => _signingKey.Dispose();

    private static List<ChainedUsageEntry> Build(int count, Func<int, string?>? userOf = null)
    {
        var entries = new List<ChainedUsageEntry>();
        var previous = UsageChainHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = UsageChainVectorTests.First with
            {
                RowId = i, Sequence = i, Timestamp = UsageChainVectorTests.First.Timestamp.AddSeconds(i),
                UserEmail = userOf?.Invoke(i) ?? $"user{i}@contoso.test", PreviousHash = previous,
            };
            entry = entry with { Hash = UsageChainHash.Compute(previous, entry) };
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private UsageCheckpointStatement Checkpoint(List<ChainedUsageEntry> entries, long sequence, string kind = "Periodic")
    {
        var statement = new UsageCheckpointStatement(sequence, Chain, sequence, entries.Single(e => e.Sequence == sequence).Hash, kind,
            DateTimeOffset.UnixEpoch.AddDays(sequence), Guid.Parse(Chain), "k1", "ES256", []);
        var signature = _signingKey.SignData(UsageChainHash.CheckpointPayload(statement), HashAlgorithmName.SHA256);
        return statement with { Signature = signature };
    }

    private Task<UsageChainReport> VerifyAsync(List<ChainedUsageEntry> entries, UsageCheckpointStatement[] checkpoints, long? head)
    {
        var publicKey = _signingKey.ExportSubjectPublicKeyInfo();
        return UsageChainVerifier.VerifyAsync(Chain, entries.ToAsyncEnumerable(), checkpoints,
            c => SignatureVerifier.Verify(SignatureAlgorithm.Es256, publicKey, UsageChainHash.CheckpointPayload(c), c.Signature), head, CancellationToken.None);
    }
}
