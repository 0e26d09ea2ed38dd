using System.Net.Mail;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Users;
using Appliance.Web.Errors;
using Appliance.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Users;

/// <summary>Local accounts: a user belongs to the tenant that owns the domain of their e-mail address.</summary>
public sealed class UserAdministration(ApplianceDbContext db, UserManager<ApplianceUser> users, TimeProvider clock)
{
    public async Task<UserSummary> CreateAsync(CreateUserRequest request, CancellationToken ct)
    {
        var email = NormaliseEmail(request.Email);
        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var tenantId = await db.TenantDomains.Where(d => d.Domain == domain).Select(d => (Guid?)d.TenantId).FirstOrDefaultAsync(ct);
        if (tenantId is null && !request.IsAdmin)
        {
            throw new ApplianceProblemException(StatusCodes.Status422UnprocessableEntity, ProblemCodes.UnknownDomain,
                $"No activated organisation owns the domain '{domain}'; activate one with that domain first.");
        }

        if (await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null)
        {
            throw new ApplianceProblemException(StatusCodes.Status409Conflict, ProblemCodes.UserExists, $"The user {email} already exists.");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            throw ApplianceProblemException.Validation("A password is required.");
        }

        var user = new ApplianceUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            TenantId = tenantId,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            throw ApplianceProblemException.Validation(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        if (request.IsAdmin)
        {
            var role = await users.AddToRoleAsync(user, ApplianceRoles.Administrator);
            if (!role.Succeeded)
            {
                await users.DeleteAsync(user);
                throw new InvalidOperationException("Could not grant the administrator role: " + string.Join(" ", role.Errors.Select(e => e.Description)));
            }
        }

        return new UserSummary(user.Id, email, user.DisplayName, tenantId, request.IsAdmin);
    }

    public async Task<List<UserSummary>> ListAsync(CancellationToken ct)
    {
        var adminRoleId = await db.Roles.Where(r => r.Name == ApplianceRoles.Administrator).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRoleId).Select(ur => ur.UserId).ToListAsync(ct);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return [.. all.Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? string.Empty, u.DisplayName, u.TenantId, admins.Contains(u.Id)))];
    }

    public static string NormaliseEmail(string? value)
    {
        var email = value?.Trim().ToLowerInvariant() ?? string.Empty;
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            throw ApplianceProblemException.Validation($"'{value}' is not an e-mail address such as alice@contoso.com.");
        }

        return email;
    }
}
