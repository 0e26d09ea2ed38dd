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

        builder.Property(e => e.RequestType).HasMaxLength(64);
        builder.Property(e => e.UserEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(e => e.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ErrorCode).HasMaxLength(128);
        builder.Property(e => e.CorrelationId).HasMaxLength(128);
        builder.Property(e => e.OwnerEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(e => e.FileName).HasMaxLength(ProtectedDocumentConfiguration.FileNameMaxLength);
        builder.Property(e => e.Rights).HasMaxLength(512);
        builder.Property(e => e.ClientInfo).HasMaxLength(512);

        // An IPv6 address with a zone index fits easily.
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.Property(e => e.AdminAction).HasMaxLength(1024);
        builder.Property(e => e.ActingAs).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);

        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.TenantId, e.Timestamp });
        builder.HasIndex(e => e.ContentId);
    }
}
