using Appliance.Crypto.Protocol;
using Appliance.Data;
using Appliance.Data.Usage;
using Appliance.Web.Errors;
using Appliance.Web.Notifications;

namespace Appliance.Web.Usage;

/// <summary>
/// Writes usage entries. Writing is part of the request: a licence whose entry cannot be stored is
/// not issued, so callers record before they answer.
/// </summary>
public sealed class UsageLog(ApplianceDbContext db, TimeProvider clock, ILogger<UsageLog> logger)
{
    /// <summary>
    /// Chains the entry and saves it together with whatever else is pending, in one transaction. A service that had
    /// to open a transaction to hold a lock for its check (see TemplateAdministration) leaves it open; it is
    /// committed here, with the entry, so the change and its record land together or not at all.
    /// </summary>
    public async Task RecordAsync(UsageRecord record, UsageResult result, string? errorCode, RequestContext context, CancellationToken ct)
    {
        // Marked first: an entry that cannot be written fails the request, and is not tried a second time for it.
        record.Written = true;
        var entry = record.ToEntry(result, errorCode, context, clock.GetUtcNow());
        try
        {
            var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(ct);
            await using (transaction)
            {
                await UsageChainAppender.AppendAsync(db, entry, ct);
                if (OwnerNotificationEvents.For(record, entry) is { } notification)
                {
                    db.OwnerNotifications.Add(notification);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the usage log entry for {RequestType}", record.RequestType);
            throw new ApplianceProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.UsageLogUnavailable,
                "The usage log could not be written, so the request was not completed.", ex);
        }
    }

    /// <summary>
    /// Records a refusal or failure on a clean unit of work, so that a half-done change of the refused
    /// request is never saved along with it.
    /// </summary>
    public Task RecordFailureAsync(UsageRecord record, Exception failure, RequestContext context, CancellationToken ct)
    {
        var (status, code, _) = ProblemExceptionHandler.Classify(failure);
        return RecordRefusalAsync(record, status, code, context, ct);
    }

    /// <summary>
    /// Records an answer that is not a success, by the status and code sent: <see cref="UsageResult.Denied"/> for 403,
    /// <see cref="UsageResult.Failed"/> for anything else. Whatever the request left pending is discarded first.
    /// </summary>
    public async Task RecordRefusalAsync(UsageRecord record, int status, string code, RequestContext context, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await transaction.RollbackAsync(ct);
            await transaction.DisposeAsync();
        }

        db.ChangeTracker.Clear();
        var result = status is StatusCodes.Status403Forbidden ? UsageResult.Denied : UsageResult.Failed;
        await RecordAsync(record, result, code, context, ct);
    }
}
