namespace Appliance.Crypto.Audit;

/// <summary>
/// Checks one chain of the usage log: every link, every checkpoint, and that nothing is missing at the end. Reads the
/// entries once, in the order they were stored, in constant memory.
/// </summary>
public static class UsageChainVerifier
{
    /// <param name="entries">The chain's stored entries in row order (the order they were written).</param>
    /// <param name="checkpoints">The chain's checkpoints; <paramref name="isAuthentic"/> says whose signatures verify.</param>
    /// <param name="recordedHead">The sequence number the appliance last handed out for this chain, if known.</param>
    public static async Task<UsageChainReport> VerifyAsync(
        string chain,
        IAsyncEnumerable<ChainedUsageEntry> entries,
        IReadOnlyCollection<UsageCheckpointStatement> checkpoints,
        Func<UsageCheckpointStatement, bool> isAuthentic,
        long? recordedHead,
        CancellationToken ct)
    {
        var sorted = checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.Id).ToList();
        var forged = sorted.FirstOrDefault(c => !isAuthentic(c));
        if (forged is not null)
        {
            return Report(chain, 0, sorted.Count, 0, 0, UsageChainHash.Genesis, new UsageChainProblem(
                UsageChainProblemKind.CheckpointForged, forged.Sequence, null,
                $"Checkpoint {forged.Id} (sequence {forged.Sequence}, {UsageChainHash.Format(forged.CreatedAt)}) does not verify under key {forged.KeyId}."));
        }

        // The newest retention cut is where the stored chain begins; what came before it was purged on purpose.
        var cut = sorted.LastOrDefault(c => c.Kind == UsageCheckpointStatement.Retention);
        var expected = (cut?.Sequence ?? 0) + 1;
        var head = cut?.HeadHash ?? UsageChainHash.Genesis;
        var firstSequence = expected;
        var pending = new Queue<UsageCheckpointStatement>(sorted.Where(c => c.Sequence >= expected));
        var lastMatched = cut?.Sequence ?? 0;
        long checkedEntries = 0;
        long? missing = null;
        ChainedUsageEntry? firstAfterGap = null;

        await foreach (var entry in entries.WithCancellation(ct))
        {
            if (missing is { } gap)
            {
                if (entry.Sequence == gap)
                {
                    return Report(chain, checkedEntries, sorted.Count, firstSequence, expected - 1, head, new UsageChainProblem(
                        UsageChainProblemKind.Reordered, gap, entry.RowId,
                        $"Entry {gap} (row {entry.RowId}) is stored after entry {firstAfterGap!.Sequence} (row {firstAfterGap.RowId}): the log was reordered."));
                }

                continue;
            }

            if (entry.Sequence < expected)
            {
                // Older than the retention cut: left over, not part of what the cut's signature vouches for.
                continue;
            }

            if (entry.Sequence > expected)
            {
                missing = expected;
                firstAfterGap = entry;
                continue;
            }

            var computed = UsageChainHash.Compute(head, entry);
            if (!computed.AsSpan().SequenceEqual(entry.Hash) || !entry.PreviousHash.AsSpan().SequenceEqual(head))
            {
                var predecessorRewritten = !entry.PreviousHash.AsSpan().SequenceEqual(head)
                    && entry.PreviousHash.Length == UsageChainHash.Size
                    && UsageChainHash.Compute(entry.PreviousHash, entry).AsSpan().SequenceEqual(entry.Hash);
                var problem = predecessorRewritten
                    ? new UsageChainProblem(UsageChainProblemKind.Altered, expected - 1, null,
                        $"Entry {expected - 1} was changed and its hash recomputed: entry {expected} (row {entry.RowId}) still links to the original.")
                    : new UsageChainProblem(UsageChainProblemKind.Altered, expected, entry.RowId,
                        $"Entry {expected} (row {entry.RowId}, {entry.RequestType} at {UsageChainHash.Format(entry.Timestamp)}) was altered: its fields no longer give its hash.");
                return Report(chain, checkedEntries, sorted.Count, firstSequence, expected - 1, head, problem);
            }

            while (pending.TryPeek(out var checkpoint) && checkpoint.Sequence == expected)
            {
                pending.Dequeue();
                if (!checkpoint.HeadHash.AsSpan().SequenceEqual(computed))
                {
                    return Report(chain, checkedEntries, sorted.Count, firstSequence, expected - 1, head, new UsageChainProblem(
                        UsageChainProblemKind.CheckpointMismatch, lastMatched + 1, null,
                        $"Entries {lastMatched + 1} to {expected} no longer match checkpoint {checkpoint.Id} signed at {UsageChainHash.Format(checkpoint.CreatedAt)}: one of them was altered and the chain re-hashed."));
                }

                lastMatched = expected;
            }

            head = computed;
            checkedEntries++;
            expected++;
        }

        var last = expected - 1;
        if (missing is { } deleted)
        {
            return Report(chain, checkedEntries, sorted.Count, firstSequence, last, head, new UsageChainProblem(
                UsageChainProblemKind.Deleted, deleted, null,
                $"Entry {deleted} was deleted: entry {deleted - 1} is followed by entry {firstAfterGap!.Sequence} (row {firstAfterGap.RowId})."));
        }

        var covered = Math.Max(sorted.Count == 0 ? 0 : sorted[^1].Sequence, recordedHead ?? 0);
        if (covered > last)
        {
            var evidence = sorted.Count > 0 && sorted[^1].Sequence == covered
                ? $"checkpoint {sorted[^1].Id} signed at {UsageChainHash.Format(sorted[^1].CreatedAt)} covers {covered}"
                : $"the chain head records {covered}";
            return Report(chain, checkedEntries, sorted.Count, firstSequence, last, head, new UsageChainProblem(
                UsageChainProblemKind.Truncated, last + 1, null,
                $"The log ends at entry {last} but {evidence}: entries {last + 1} to {covered} were removed."));
        }

        return Report(chain, checkedEntries, sorted.Count, firstSequence, last, head, null);
    }

    private static UsageChainReport Report(
        string chain, long entries, int checkpoints, long first, long last, byte[] head, UsageChainProblem? problem) =>
        new(chain, entries, checkpoints, first, last, Convert.ToHexStringLower(head), problem);
}
