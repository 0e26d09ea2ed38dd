using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Appliance.Data.Settings;

internal sealed class SecuritySettingsConfiguration : IEntityTypeConfiguration<SecuritySettings>
{
    public void Configure(EntityTypeBuilder<SecuritySettings> builder)
    {
        builder.ToTable("SecuritySettings");
        builder.HasKey(s => s.Id);
        // The key is the fixed singleton id, never generated.
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
