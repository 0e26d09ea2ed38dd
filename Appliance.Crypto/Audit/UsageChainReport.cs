namespace Appliance.Crypto.Audit;

/// <summary>The outcome of checking one chain: intact, or the first problem found in the order entries were written.</summary>
public sealed record UsageChainReport(
    string Chain,
    long EntriesChecked,
    int CheckpointsChecked,
    long FirstSequence,
    long LastSequence,
    string HeadHash,
    UsageChainProblem? Problem)
{
    public bool Intact => Problem is null;
}

/// <param name="Sequence">The entry the problem is first seen at: the altered, deleted or misplaced one, or the first one missing at the tail.</param>
/// <param name="RowId">Its row, when it is still stored.</param>
public sealed record UsageChainProblem(UsageChainProblemKind Kind, long? Sequence, long? RowId, string Message);

public enum UsageChainProblemKind
{
    /// <summary>An entry's fields no longer give its stored hash.</summary>
    Altered,

    /// <summary>An entry is missing from the middle of the chain.</summary>
    Deleted,

    /// <summary>An entry is stored after one that came later in the chain.</summary>
    Reordered,

    /// <summary>Entries at the end are missing: a checkpoint or the chain head covers more than is stored.</summary>
    Truncated,

    /// <summary>The chain is internally consistent but differs from what a signed checkpoint states: it was re-hashed.</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint's signature does not verify under the key it names.</summary>
    CheckpointForged,
}
