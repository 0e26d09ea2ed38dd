using Appliance.Data.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.ExternalUsers;

internal sealed class EmailVerificationCodeConfiguration : IEntityTypeConfiguration<EmailVerificationCode>
{
    public void Configure(EntityTypeBuilder<EmailVerificationCode> builder)
    {
        builder.Property(c => c.Email).HasMaxLength(ProtectedDocumentConfiguration.EmailMaxLength);
        builder.HasIndex(c => c.Email).IsUnique();
        builder.Property(c => c.Salt).HasMaxLength(32);
        builder.Property(c => c.CodeHash).HasMaxLength(32);
    }
}
