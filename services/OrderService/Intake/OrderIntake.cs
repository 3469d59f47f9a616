namespace CloudPatterns.OrderService.Intake;

/// <summary>
/// Queue-based intake: store the order as Submitted and put the command on orders.submitted in the same
/// state transaction (the order-store outbox), so an accepted order is never lost and never published
/// without being stored. Nothing on this path calls another service.
/// </summary>
public sealed class OrderIntake(DaprClient dapr, OrderStore orders, TimeProvider time)
{
    public async Task<SubmissionResult> SubmitAsync(SubmitOrderRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(request);
        var orderId = idempotencyKey is null ? OrderIds.New() : OrderIds.ForIdempotencyKey(request.CustomerId, idempotencyKey);
        var now = time.GetUtcNow();
        var lines = request.Lines.Select(l => new OrderLine(l.Sku, l.Quantity)).ToList();
        var order = new OrderRecord(orderId, request.CustomerId, request.Currency, lines,
            new PaymentMethod(request.Payment.Type, request.Payment.Token), OrderStatus.Submitted, now, now, fingerprint, idempotencyKey);
        var submitted = new OrderSubmitted(Guid.NewGuid(), now, orderId, request.CustomerId, request.Currency, lines);

        try
        {
            await dapr.ExecuteStateTransactionAsync(DaprComponents.OrderStore,
            [
                StateOperations.Write(OrderStore.Key(orderId), order, etag: null),
                StateOperations.OutboxProjection(OrderStore.Key(orderId), submitted),
            ], cancellationToken: cancellationToken);
            return new SubmissionResult(order, KeyReusedForAnotherRequest: false);
        }
        catch (DaprException)
        {
            // The insert-only write failed because this key already made an order, or its answer was lost after it
            // committed (the sidecar's timeout): either way the order under this id is the answer. A new id's order can
            // only be this request's own, so a client without a key is not told 503 for an order it would then place again.
            var (existing, _) = await orders.GetAsync(orderId, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return new SubmissionResult(existing, KeyReusedForAnotherRequest: existing.RequestFingerprint != fingerprint);
        }
    }

    private static string Fingerprint(SubmitOrderRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Options)));
}

/// <summary>What became of a submission: its order (new, or the one an earlier identical submission created), or a clash.</summary>
public sealed record SubmissionResult(OrderRecord Order, bool KeyReusedForAnotherRequest);
