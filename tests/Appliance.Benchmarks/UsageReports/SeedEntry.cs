namespace Appliance.Benchmarks.UsageReports;

/// <summary>One made-up usage entry, as the seeders write it (the row id comes from the database).</summary>
internal sealed record SeedEntry(
    Guid TenantId, long Sequence, byte[] PreviousHash, byte[] Hash, DateTimeOffset Timestamp, string RequestType,
    Guid UserId, string UserEmail, string Result, string? ErrorCode, string CorrelationId, Guid? ContentId,
    string? OwnerEmail, string? Issuer, Guid? TemplateId, string? FileName, DateTimeOffset? DatePublished,
    string? Rights, string ClientInfo, string ClientIp, string? AdminAction);

/// <summary>
/// A log as a busy appliance would have it, the same for every run (a fixed seed): five organisations of very
/// different sizes, people and documents with a few heavy users and popular files, mostly licence requests, a few
/// per cent refused, spread evenly over the last 90 days, oldest first as the chain writes them.
/// </summary>
internal static class SeedLog
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(90);

    public static readonly (Guid Id, string Domain, double Share)[] Tenants =
    [
        (new Guid("10000000-0000-4000-8000-000000000001"), "contoso.test", 0.50),
        (new Guid("10000000-0000-4000-8000-000000000002"), "fabrikam.test", 0.25),
        (new Guid("10000000-0000-4000-8000-000000000003"), "northwind.test", 0.12),
        (new Guid("10000000-0000-4000-8000-000000000004"), "tailspin.test", 0.08),
        (new Guid("10000000-0000-4000-8000-000000000005"), "wingtip.test", 0.05),
    ];

    public const int UsersPerTenant = 2_000;
    public const int DocumentsPerTenant = 20_000;
    public const int TemplatesPerTenant = 10;

    private static readonly (string Type, double Share)[] _requestTypes =
    [
        ("AcquireLicense", 0.80), ("Publish", 0.08), ("Certify", 0.05), ("ServerSidePublish", 0.02), ("TrackDocument", 0.02),
        ("ListDocuments", 0.01), ("Admin", 0.01), ("RevokeAccess", 0.005), ("GetDocument", 0.005),
    ];

    public static IEnumerable<SeedEntry> Generate(int count, DateTimeOffset end)
    {
        var random = new Random(20_261_201);
        var sequences = new long[Tenants.Length];
        var start = end - Span;
        var step = Span.Ticks / Math.Max(count, 1);
        var hash = new byte[32];
        for (var i = 0; i < count; i++)
        {
            var t = Pick(random, Tenants.Select(x => x.Share));
            var (tenantId, domain, _) = Tenants[t];
            var type = _requestTypes[Pick(random, _requestTypes.Select(x => x.Share))].Type;
            var user = Skewed(random, UsersPerTenant);
            var roll = random.NextDouble();
            var (result, error) = roll < 0.92 ? ("Granted", (string?)null) : roll < 0.98 ? ("Denied", "access-denied") : ("Failed", "hsm-unavailable");
            var aboutDocument = type is "AcquireLicense" or "Publish" or "ServerSidePublish" or "TrackDocument" or "RevokeAccess" or "GetDocument";
            var document = Skewed(random, DocumentsPerTenant);
            var contentId = aboutDocument ? DocumentId(t, document) : (Guid?)null;
            // Two documents in five were protected with one of the organisation's templates.
            Guid? templateId = aboutDocument && document % 5 < 2 ? TemplateId(t, document % TemplatesPerTenant) : null;
            var owner = aboutDocument ? $"user{document % UsersPerTenant:D4}@{domain}" : null;
            var previous = hash;
            hash = new byte[32];
            random.NextBytes(hash);
            yield return new SeedEntry(
                tenantId, ++sequences[t], previous, hash, start + TimeSpan.FromTicks(step * i), type,
                new Guid(t * UsersPerTenant + user, 0, 0, new byte[8]), $"user{user:D4}@{domain}", result, error,
                $"{i:x16}", contentId, owner, owner, templateId, aboutDocument ? $"document-{document:D5}.docx" : null,
                aboutDocument ? start : null, type == "AcquireLicense" && result == "Granted" ? "VIEW,EDIT" : null,
                "RMS.Client/1.0 (Windows NT 10.0)", $"10.{t}.{user / 256}.{user % 256}", type == "Admin" ? "SetRoles" : null);
        }
    }

    public static Guid DocumentId(int tenant, int document) => new(tenant, (short)(document >> 16), (short)document, new byte[8]);

    public static Guid TemplateId(int tenant, int template) => new(tenant, 1, (short)template, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 });

    /// <summary>0..n-1, the low numbers much more often (a few heavy users, a few popular documents).</summary>
    private static int Skewed(Random random, int n) => (int)(n * Math.Pow(random.NextDouble(), 3));

    private static int Pick(Random random, IEnumerable<double> shares)
    {
        var roll = random.NextDouble();
        var index = 0;
        foreach (var share in shares)
        {
            roll -= share;
            if (roll < 0)
            {
                return index;
            }

            index++;
        }

        return index - 1;
    }
}
