using Appliance.Data.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Usage;

/// <remarks>
/// No foreign keys on purpose: the log is evidence and must outlive, and never block the deletion of,
/// the tenants, users and documents it mentions; it also records requests naming ones that never existed.
/// </remarks>
internal sealed class UsageLogEntryConfiguration : IEntityTypeConfiguration<UsageLogEntry>
{
    public void Configure(EntityTypeBuilder<UsageLogEntry> builder)
    {
        builder.ToTable("UsageLog");

        builder.Property(e => e.Chain).HasMaxLength(UsageChains.MaxLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(32);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.Property(e => e.RequestType).HasMaxLength(64);
        builder.Property(e => e.UserEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(e => e.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ErrorCode).HasMaxLength(128);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.OwnerEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(e => e.FileName).HasMaxLength(ProtectedDocumentConfiguration.FileNameMaxLength);
        builder.Property(e => e.Issuer).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(e => e.Rights).HasMaxLength(512);
        builder.Property(e => e.ClientInfo).HasMaxLength(512);

        // An IPv6 address with a zone index fits easily.
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.Property(e => e.AdminAction).HasMaxLength(1024);
        builder.Property(e => e.ActingAs).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);

        // A sequence number is taken once per chain, whatever a node's lock did: no fork can be stored.
        builder.HasIndex(e => new { e.Chain, e.Sequence }).IsUnique();

        // Verification reads a chain in the order it was written.
        builder.HasIndex(e => new { e.Chain, e.Id });

        // The reports: newest first, within a tenant, optionally narrowed by one indexed filter.
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.TenantId, e.Timestamp });
        builder.HasIndex(e => new { e.TenantId, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.UserEmail, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.RequestType, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.Result, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.TemplateId, e.Id });
        builder.HasIndex(e => new { e.ContentId, e.Id });
    }
}
