using Appliance.Crypto.Protocol;

namespace Appliance.Web.Tests.Audit;

internal sealed record AuditProblemAssert(AuditProblem Problem)
{
    public static AuditProblemAssert Of(AuditChainVerification report)
    {
        Assert.True(report.Problem is not null, $"chain {report.Chain} verified intact through {report.LastSequence}, but it was tampered with");
        return new AuditProblemAssert(report.Problem);
    }
}
