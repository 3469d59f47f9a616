using CloudPatterns.ServiceDefaults.State;
using Dapr.Client;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>Payments in payment-store, with first-write concurrency: an insert succeeds once; a change only over the ETag it read.</summary>
public sealed class PaymentStore(DaprClient dapr)
{
    private const string Store = DaprComponents.PaymentStore;

    public async Task<(PaymentRecord? Payment, string ETag)> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        var (payment, etag) = await dapr.GetStateAndETagAsync<PaymentRecord?>(Store, Key(paymentId), cancellationToken: cancellationToken);
        return (payment, etag);
    }

    /// <summary>False when the record exists already, or changed since <paramref name="etag"/> was read.</summary>
    public Task<bool> TrySaveAsync(PaymentRecord payment, string? etag, CancellationToken cancellationToken) =>
        StateOperations.TryWriteAsync(
            () => dapr.ExecuteStateTransactionAsync(Store, [StateOperations.Write(Key(payment.PaymentId), payment, etag)], cancellationToken: cancellationToken),
            async () => (await GetAsync(payment.PaymentId, cancellationToken)).ETag != (etag ?? string.Empty));

    private static string Key(string paymentId) => $"payment:{paymentId}";
}
