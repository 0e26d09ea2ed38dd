using Appliance.Data.Templates;
using Appliance.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Tests.Templates;

public class RightsTemplateTests
{
    [Theory]
    [DatabaseData]
    public async Task RightsTemplate_TextsGrantsScope_RoundTripOnEveryProvider(DatabaseProvider provider)
    {
        // Arrange - texts and grants live in JSON columns and the scope in a list column, whose mapping differs
        // per provider (SQLite text, PostgreSQL jsonb and text[]); both must give back what was stored, in order.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var template = new RightsTemplate
        {
            Id = Guid.NewGuid(),
            TenantId = tenant.Id,
            Texts =
            [
                new TemplateText { Language = "en-US", Name = "Sales", Description = "For sales" },
                new TemplateText { Language = "de-DE", Name = "Vertrieb", Description = "Für den Vertrieb" },
            ],
            Grants = [new TemplateGrantEntry { Principal = "sales@contoso.test", Preset = "Viewer", Rights = "VIEW,VIEWRIGHTSDATA" }],
            ExpiryMode = TemplateExpiryMode.AfterDays,
            ExpiresAfterDays = 30,
            OfflineMode = TemplateOfflineMode.Days,
            OfflineDays = 3,
            ScopeGroups = ["sales@contoso.test", "legal@contoso.test"],
            CreatedAt = now,
            UpdatedAt = now,
        };

        // Act
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Templates.Add(template);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loaded = await check.Templates.AsNoTracking().SingleAsync(t => t.Id == template.Id);
        var reloadedTenant = await check.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id);
        Assert.Equal(["en-US", "de-DE"], loaded.Texts.Select(t => t.Language));
        Assert.Equal("Für den Vertrieb", loaded.Texts[1].Description);
        Assert.Equal(("sales@contoso.test", "Viewer", "VIEW,VIEWRIGHTSDATA"), (loaded.Grants[0].Principal, loaded.Grants[0].Preset, loaded.Grants[0].Rights));
        Assert.Equal((TemplateExpiryMode.AfterDays, 30), (loaded.ExpiryMode, loaded.ExpiresAfterDays!.Value));
        Assert.Equal((TemplateOfflineMode.Days, 3), (loaded.OfflineMode, loaded.OfflineDays!.Value));
        Assert.Equal(["sales@contoso.test", "legal@contoso.test"], loaded.ScopeGroups);
        Assert.Null(loaded.FirstUsedAt);
        Assert.Equal(30, reloadedTenant.MaxOfflineDays);
    }
}
