using Appliance.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Documents;

internal sealed class ProtectedDocumentConfiguration : IEntityTypeConfiguration<ProtectedDocument>
{
    public const int EmailMaxLength = 256;

    public const int FileNameMaxLength = 1024;

    /// <summary>A SHA-256 digest.</summary>
    public const int DigestLength = 32;

    public void Configure(EntityTypeBuilder<ProtectedDocument> builder)
    {
        // The content id comes from the publishing licence, never from the database.
        builder.HasKey(d => d.ContentId);
        builder.Property(d => d.ContentId).ValueGeneratedNever();

        builder.Property(d => d.OwnerEmail).HasMaxLength(EmailMaxLength);
        builder.Property(d => d.FileName).HasMaxLength(FileNameMaxLength);
        builder.Property(d => d.RevokedBy).HasMaxLength(EmailMaxLength);
        builder.Property(d => d.PublishingLicenseDigest).HasMaxLength(DigestLength);

        // Document tracking lists an owner's documents within a tenant, newest first, a page at a time.
        builder.HasIndex(d => new { d.TenantId, d.OwnerEmail, d.RegisteredAt });

        builder.HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(d => d.TenantId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
