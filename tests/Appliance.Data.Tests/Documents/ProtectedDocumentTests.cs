using Appliance.Data.Documents;
using Appliance.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Data.Tests.Documents;

public class ProtectedDocumentTests
{
    [Theory]
    [DatabaseData]
    public async Task ProtectedDocument_Revoked_RoundTripsSameInstants(DatabaseProvider provider)
    {
        // Arrange - times arrive with local offsets (and sub-microsecond ticks); both providers keep the
        // instant to the microsecond and give it back in UTC.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var publishedAt = new DateTimeOffset(2025, 5, 6, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var document = new ProtectedDocument
        {
            ContentId = Guid.NewGuid(),
            TenantId = tenant.Id,
            OwnerEmail = "alice@contoso.test",
            FileName = "report.xlsx.pfile",
            TemplateId = Guid.NewGuid(),
            PublishedAt = publishedAt,
            RegisteredAt = publishedAt.AddSeconds(1),
            RevokedAt = new DateTimeOffset(2025, 5, 7, 9, 0, 0, TimeSpan.FromHours(-5)),
            RevokedBy = "bob@contoso.test",
        };

        // Act
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.ProtectedDocuments.Add(document);
            await db.SaveChangesAsync();
        }

        // Assert
        await using var check = database.CreateContext();
        var loaded = await check.ProtectedDocuments.SingleAsync(d => d.ContentId == document.ContentId);
        Assert.Equal(tenant.Id, loaded.TenantId);
        Assert.Equal("alice@contoso.test", loaded.OwnerEmail);
        Assert.Equal("report.xlsx.pfile", loaded.FileName);
        Assert.Equal(document.TemplateId, loaded.TemplateId);
        Assert.Equal(publishedAt.AddTicks(-7), loaded.PublishedAt);
        Assert.Equal(TimeSpan.Zero, loaded.PublishedAt.Offset);
        Assert.Equal(document.RevokedAt, loaded.RevokedAt);
        Assert.Equal(TimeSpan.Zero, loaded.RevokedAt!.Value.Offset);
        Assert.Equal("bob@contoso.test", loaded.RevokedBy);
    }

    [Theory]
    [DatabaseData]
    public async Task ProtectedDocument_SameContentIdTwice_IsRejected(DatabaseProvider provider)
    {
        // Arrange - the content id is the key that revocation and tracking use.
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = TestEntities.Tenant();
        var contentId = Guid.NewGuid();
        await using (var db = database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.ProtectedDocuments.Add(Document(contentId, tenant.Id));
            await db.SaveChangesAsync();
        }

        // Act
        await using var second = database.CreateContext();
        second.ProtectedDocuments.Add(Document(contentId, tenant.Id));

        // Assert
        await ConstraintAssert.UniqueViolationAsync(second);
    }

    private static ProtectedDocument Document(Guid contentId, Guid tenantId) => new()
    {
        ContentId = contentId,
        TenantId = tenantId,
        OwnerEmail = "alice@contoso.test",
        PublishedAt = DateTimeOffset.UtcNow,
        RegisteredAt = DateTimeOffset.UtcNow,
    };
}
