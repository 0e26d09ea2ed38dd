using System.Text.Json.Serialization;
using Appliance.Crypto.Audit;

namespace Appliance.Crypto.Protocol;

/// <summary>A chain of the usage log: a tenant's, or "appliance" for requests that concern no tenant.</summary>
public sealed record UsageChainSummary(
    string Chain,
    Guid? TenantId,
    string? Organisation,
    long HeadSequence,
    long? LastCheckpointSequence,
    DateTimeOffset? LastCheckpointAt);

public sealed record UsageCheckpointSummary(
    long Id,
    string Chain,
    long Sequence,
    string HeadHash,
    string Kind,
    DateTimeOffset CreatedAt,
    Guid SignerTenantId,
    string KeyId,
    string Algorithm);

/// <summary>Body of <c>POST /api/admin/v1/audit/verify</c>: every chain checked, or the one asked for.</summary>
public sealed record AuditVerificationResponse(bool Intact, IReadOnlyList<AuditChainVerification> Chains);

/// <param name="Problem">Null when the chain is intact.</param>
public sealed record AuditChainVerification(
    string Chain,
    string? Organisation,
    long EntriesChecked,
    int CheckpointsChecked,
    long FirstSequence,
    long LastSequence,
    string HeadHash,
    AuditProblem? Problem)
{
    public static AuditChainVerification From(UsageChainReport report, string? organisation) => new(
        report.Chain, organisation, report.EntriesChecked, report.CheckpointsChecked, report.FirstSequence, report.LastSequence,
        report.HeadHash, report.Problem is { } p ? new AuditProblem(p.Kind, p.Sequence, p.RowId, p.Message) : null);
}

public sealed record AuditProblem(
    [property: JsonConverter(typeof(JsonStringEnumConverter<UsageChainProblemKind>))] UsageChainProblemKind Kind,
    long? Sequence,
    long? RowId,
    string Message);
