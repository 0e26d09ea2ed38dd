using Appliance.Data.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Notifications;

internal sealed class OwnerNotificationConfiguration : IEntityTypeConfiguration<OwnerNotification>
{
    public void Configure(EntityTypeBuilder<OwnerNotification> builder)
    {
        builder.ToTable("OwnerNotifications");
        builder.Property(n => n.OwnerEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(n => n.FileName).HasMaxLength(ProtectedDocumentConfiguration.FileNameMaxLength);
        builder.Property(n => n.Event).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.UserEmail).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.Property(n => n.ClientIp).HasMaxLength(64);

        // The digest sender picks up what is unsent, owner by owner.
        builder.HasIndex(n => new { n.SentAt, n.OwnerEmail });
    }
}
