using System.Net;
using System.Net.Http.Json;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Protocol;
using Appliance.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Templates;

public sealed class TemplateLicensingTests(TemplatesNode fixture) : IClassFixture<TemplatesNode>
{
    private async Task<AvailableTemplate> DepartmentTemplateAsync(string name)
    {
        var created = await fixture.CreateAsync(TemplatesNode.Request(name, ["sales@contoso.test"],
            new TemplateGrant("sales@contoso.test", TemplatePresets.Viewer, null)));
        return (await TemplatesNode.AvailableAsync(fixture.Alice)).Single(t => t.Id == created.Id);
    }

    [Fact]
    public async Task Available_DepartmentTemplate_OnlyNestedMembersOfTheScopeSeeIt()
    {
        // Arrange - alice is in sales through emea-sales; bob is in no group.
        var department = await DepartmentTemplateAsync("Sales department");

        // Act
        var alice = await TemplatesNode.AvailableAsync(fixture.Alice);
        var bob = await TemplatesNode.AvailableAsync(fixture.Bob);

        // Assert - both see the organisation-wide defaults, with the policy recipe resolved.
        Assert.Contains(alice, t => t.Id == department.Id);
        Assert.DoesNotContain(bob, t => t.Id == department.Id);
        var confidential = Assert.Single(bob, t => t.Name == "Contoso, Ltd - Confidential");
        Assert.Equal(7, confidential.OfflineDays);
        Assert.Equal(TemplatePrincipals.Organization, Assert.Single(confidential.Grants).Principal);
        Assert.Equal(TemplatePresets.RightsOf(TemplatePresets.Viewer), Assert.Single(department.Grants).Rights);
        Assert.Equal(3, department.OfflineDays);
    }

    [Fact]
    public async Task Available_AcceptLanguage_NameInThatLanguageElseTheFirst()
    {
        // Arrange
        var created = await fixture.CreateAsync(TemplatesNode.Request("Multilingual") with
        {
            Names = [new LocalizedText("en-US", "Multilingual"), new LocalizedText("de-DE", "Mehrsprachig")],
            Descriptions = [new LocalizedText("en-US", "In English"), new LocalizedText("de-DE", "Auf Deutsch")],
        });

        // Act
        var german = (await TemplatesNode.AvailableAsync(fixture.Alice, "de-AT, en;q=0.5")).Single(t => t.Id == created.Id);
        var french = (await TemplatesNode.AvailableAsync(fixture.Alice, "fr-FR")).Single(t => t.Id == created.Id);

        // Assert
        Assert.Equal(("Mehrsprachig", "Auf Deutsch", "de-DE"), (german.Name, german.Description, german.Language));
        Assert.Equal("Multilingual", french.Name);
    }

    [Fact]
    public async Task Publish_WithTemplate_RegisteredUsedAndGranteeOpens()
    {
        // Arrange
        var department = await DepartmentTemplateAsync("Sales publish");

        // Act
        var (response, license) = await TemplatesNode.PublishWithAsync(fixture.Alice, department);
        var registered = (await response.Content.ReadFromJsonAsync<RegisterContentResponse>())!;
        using var bob = await fixture.Bob.AcquireAsync(license);

        // Assert - recorded with its template; bob is not in the grant.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await fixture.Node.QueryAsync(db => db.ProtectedDocuments.SingleAsync(d => d.ContentId == registered.ContentId));
        Assert.Equal(department.Id, document.TemplateId);
        Assert.NotNull(await fixture.Node.QueryAsync(db => db.Templates.Where(t => t.Id == department.Id).Select(t => t.FirstUsedAt).SingleAsync()));
        await ProblemAssert.IsProblemAsync(bob, HttpStatusCode.Forbidden, ProblemCodes.AccessDenied);
        response.Dispose();
    }

    [Fact]
    public async Task Acquire_OrganisationGrant_EveryUserOfTheTenantGetsTheTemplatesRights()
    {
        // Arrange - the default view-only template grants to the whole organisation, not to named people.
        var viewOnly = (await TemplatesNode.AvailableAsync(fixture.Alice)).Single(t => t.Name == "Contoso, Ltd - Confidential View Only");
        var (publish, license) = await TemplatesNode.PublishWithAsync(fixture.Alice, viewOnly);
        publish.Dispose();

        // Act
        using var bob = await fixture.Bob.AcquireAsync(license);

        // Assert
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        var granted = fixture.Bob.Verify((await bob.Content.ReadFromJsonAsync<AcquireLicenseResponse>())!.UseLicense);
        Assert.Equal(["VIEW", "EDIT", "DOCEDIT", "PRINT", "EXTRACT", "FORWARD", "REPLY", "REPLYALL", "OBJMODEL", "VIEWRIGHTSDATA"], granted.Rights);
        Assert.Equal(granted.IssuedAt.AddDays(7), granted.ValidUntil);
    }

    [Fact]
    public async Task Publish_OutOfScope_RefusedAsUnknownTemplate()
    {
        // Arrange - bob learned the id somehow and builds the policy himself.
        var department = await DepartmentTemplateAsync("Sales secret");

        // Act
        var (response, _) = await TemplatesNode.PublishWithAsync(fixture.Bob, department);

        // Assert
        var detail = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.TemplateNotFound);
        Assert.Contains("not available to bob@contoso.test", detail, StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Publish_ArchivedTemplate_RefusedButOldContentStillOpens()
    {
        // Arrange - content protected while it was published.
        var department = await DepartmentTemplateAsync("Sales archived");
        var (before, license) = await TemplatesNode.PublishWithAsync(fixture.Alice, department);
        before.Dispose();
        (await fixture.Admin.PostAsync($"/api/admin/v1/templates/{department.Id}/archive", null)).EnsureSuccessStatusCode();

        // Act
        var (after, _) = await TemplatesNode.PublishWithAsync(fixture.Alice, department);
        using var reopen = await fixture.Alice.AcquireAsync(license);
        var listed = await TemplatesNode.AvailableAsync(fixture.Alice);

        // Assert
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Conflict, ProblemCodes.TemplateArchived);
        Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        Assert.DoesNotContain(listed, t => t.Id == department.Id);
        after.Dispose();
    }

    public static TheoryData<string> Tampering => ["extra grant", "more rights", "offline days", "expiry", "name"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Publish_PolicyDiffersFromTemplate_Mismatch(string change)
    {
        // Arrange - the licence is signed by the caller, so only the server's comparison keeps the template honest.
        var department = await DepartmentTemplateAsync($"Sales tamper {change}");
        Func<ProtectionPolicy, ProtectionPolicy> tamper = change switch
        {
            "extra grant" => p => p with { Grants = [.. p.Grants, new RightsGrant("bob@contoso.test", ["VIEW"])] },
            "more rights" => p => p with { Grants = [new RightsGrant("sales@contoso.test", ["VIEW", "PRINT"])] },
            "offline days" => p => p with { OfflineDays = 30 },
            "expiry" => p => p with { ExpiresAt = DateTimeOffset.UtcNow.AddYears(1) },
            _ => p => p with { TemplateName = "Something else" },
        };

        // Act
        var (response, _) = await TemplatesNode.PublishWithAsync(fixture.Alice, department, tamper);

        // Assert
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.TemplateMismatch);
        response.Dispose();
    }

    [Fact]
    public async Task Publish_ExpiryDaysAfterProtection_ComputedFromIssueTimeAccepted()
    {
        var created = await fixture.CreateAsync(TemplatesNode.Request("Expires in 10 days") with { Expiry = new TemplateExpiry(TemplateModes.Days, Days: 10) });
        var available = (await TemplatesNode.AvailableAsync(fixture.Alice)).Single(t => t.Id == created.Id);

        var (ok, _) = await TemplatesNode.PublishWithAsync(fixture.Alice, available);
        var (late, _) = await TemplatesNode.PublishWithAsync(fixture.Alice, available, p => p with { ExpiresAt = p.ExpiresAt!.Value.AddDays(1) });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.BadRequest, ProblemCodes.TemplateMismatch);
        ok.Dispose();
        late.Dispose();
    }
}
