using CloudPatterns.Sidecar.State;
using Dapr.Client;

namespace CloudPatterns.PaymentService.Payments;

/// <summary>Payments in payment-store, with first-write concurrency: an insert succeeds once; a change only over the ETag it read.</summary>
public sealed class PaymentStore(DaprClient dapr)
{
    private const string Store = DaprComponents.PaymentStore;

    public async Task<(PaymentRecord? Payment, string ETag)> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        var (payment, etag) = await dapr.GetStateAndETagAsync<PaymentRecord?>(Store, Key(paymentId), metadata: Partition(paymentId), cancellationToken: cancellationToken);
        return (payment, etag);
    }

    /// <summary>Reads the payment, lets <paramref name="decide"/> say what it becomes, and writes it over the ETag (see <see cref="StateUpdate"/>).</summary>
    public Task<UpdateResult<PaymentRecord>> UpdateAsync(string paymentId, Func<PaymentRecord?, UpdateDecision<PaymentRecord>> decide, CancellationToken cancellationToken) =>
        StateUpdate.RunAsync(
            ct => GetAsync(paymentId, ct),
            decide,
            (payment, etag, ct) => StateOperations.TryWriteAsync(
                () => dapr.ExecuteStateTransactionAsync(Store, [StateOperations.Write(Key(paymentId), payment, etag)], Partition(paymentId), ct),
                async () => (await GetAsync(paymentId, ct)).ETag != etag),
            cancellationToken);

    private static string Key(string paymentId) => $"payment:{paymentId}";

    /// <summary>Each payment is its own partition, named on its reads and its transactions alike (see <see cref="StateOperations.Partition"/>).</summary>
    private static IReadOnlyDictionary<string, string> Partition(string paymentId) => StateOperations.Partition(Key(paymentId));
}
