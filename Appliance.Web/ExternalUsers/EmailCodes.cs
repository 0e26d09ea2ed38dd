using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.ExternalUsers;
using Appliance.Web.Errors;
using Appliance.Web.Mail;
using Appliance.Web.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.ExternalUsers;

/// <summary>
/// One-time sign-in codes for external recipients: sent by mail, stored only as a salted HMAC, good for
/// <see cref="ExternalUserOptions.CodeLifetime"/> and <see cref="MaxAttempts"/> tries, used once.
/// </summary>
public sealed class EmailCodes(ApplianceDbContext db, MailSender mail, IOptions<ExternalUserOptions> options, TimeProvider clock, ILogger<EmailCodes> logger)
{
    public const int CodeDigits = 8;
    public const int MaxAttempts = 5;

    public async Task<EmailCodeSent> SendAsync(EmailCodeRequest request, CancellationToken ct)
    {
        mail.EnsureConfigured();
        var email = UserAdministration.NormaliseEmail(request.Email);
        await OrganisationAddresses.EnsureExternalAsync(db, email, ct);

        var now = clock.GetUtcNow();
        var o = options.Value;
        var existing = await db.EmailVerificationCodes.FirstOrDefaultAsync(c => c.Email == email, ct);
        if (existing is not null && existing.CreatedAt + o.ResendInterval > now)
        {
            var wait = (int)Math.Ceiling((existing.CreatedAt + o.ResendInterval - now).TotalSeconds);
            throw new ApplianceProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests,
                $"A code was sent to {email} moments ago; wait {wait} seconds before asking for another.");
        }

        // 8 digits: with 5 tries per code and one code per 30 s, guessing stays below 1 in 10^7 per code.
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var row = existing ?? new EmailVerificationCode { Email = email, Salt = salt, CodeHash = [] };
        row.Salt = salt;
        row.CodeHash = Hash(salt, code);
        row.CreatedAt = now;
        row.ExpiresAt = now + o.CodeLifetime;
        row.Attempts = 0;

        // Mail first: when the server refuses, nothing is saved, so no code exists that nobody received.
        await mail.SendAsync(email, "Your sign-in code", Body(code, o.CodeLifetime), ct);
        if (existing is null)
        {
            db.EmailVerificationCodes.Add(row);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel request for the same address saved its code first; that one stands.
            throw new ApplianceProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests,
                $"A code was sent to {email} moments ago; use that one.");
        }

        logger.LogInformation("Sent a sign-in code to an external recipient's address");
        return new EmailCodeSent(email, row.ExpiresAt, (int)o.ResendInterval.TotalSeconds);
    }

    /// <summary>
    /// Checks and uses up the code. Returns the normalised address when it is right, otherwise null and
    /// the sentence to show.
    /// </summary>
    public async Task<(string? Email, string Error)> RedeemAsync(string? rawEmail, string? rawCode, CancellationToken ct)
    {
        string email;
        try
        {
            email = UserAdministration.NormaliseEmail(rawEmail);
        }
        catch (ApplianceProblemException ex)
        {
            return (null, ex.Message);
        }

        var code = rawCode?.Trim() ?? string.Empty;
        if (code.Length != CodeDigits || !code.All(char.IsAsciiDigit))
        {
            return (null, $"The code is the {CodeDigits} digits from the e-mail.");
        }

        // The try is counted before the comparison, in one statement, so parallel guesses cannot pass the limit.
        var now = clock.GetUtcNow();
        var counted = await db.EmailVerificationCodes
            .Where(c => c.Email == email && c.Attempts < MaxAttempts && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
        const string Dead = "The code has expired or was used up; ask for a new one.";
        if (counted == 0)
        {
            return (null, Dead);
        }

        var row = await db.EmailVerificationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Email == email, ct);
        if (row is null)
        {
            return (null, Dead);
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(row.Salt, code), row.CodeHash))
        {
            if (row.Attempts >= MaxAttempts)
            {
                await db.EmailVerificationCodes.Where(c => c.Id == row.Id).ExecuteDeleteAsync(ct);
                return (null, "The code is wrong, and that was the last try; ask for a new one.");
            }

            return (null, $"The code is wrong; {MaxAttempts - row.Attempts} tries left.");
        }

        // Used once: of two parallel right answers, only the one that deletes the row signs in.
        var used = await db.EmailVerificationCodes.Where(c => c.Id == row.Id && c.CodeHash == row.CodeHash).ExecuteDeleteAsync(ct);
        return used == 1 ? (email, string.Empty) : (null, Dead);
    }

    private static byte[] Hash(byte[] salt, string code) => HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code));

    private static string Body(string code, TimeSpan lifetime) =>
        $"""
        Your code to sign in to the rights-management appliance is:

            {code}

        It can be used once, within {(int)lifetime.TotalMinutes switch { 0 => $"{(int)lifetime.TotalSeconds} seconds", 1 => "1 minute", var m => $"{m} minutes" }}.
        If you did not ask for it, ignore this message: nobody can sign in without it.
        """;
}
