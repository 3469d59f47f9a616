namespace CloudPatterns.OrderService.Queries;

/// <summary>How each event changes an order's summary. Pure: <see cref="OrderSummaryUpdater"/> handles storage and idempotency.</summary>
public static class OrderProjection
{
    public static string OrderIdOf(IIntegrationEvent integrationEvent) => integrationEvent.CorrelationId;

    public static string? CustomerIdOf(IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        OrderSubmitted e => e.CustomerId,
        OrderProgressed e => e.CustomerId,
        OrderCreated e => e.CustomerId,
        OrderConfirmed e => e.CustomerId,
        OrderRejected e => e.CustomerId,
        OrderCancelled e => e.CustomerId,
        _ => null,
    };

    public static OrderSummary Apply(OrderSummary summary, IIntegrationEvent integrationEvent)
    {
        var updated = integrationEvent switch
        {
            OrderSubmitted e => summary with
            {
                Lines = summary.Lines.Count > 0 ? summary.Lines : e.Lines,
                SubmittedAt = e.OccurredAt,
            },
            OrderProgressed e => Advance(summary, e.Status, null),
            OrderCreated e => Advance(summary, OrderStatus.ReservingInventory, null) with
            {
                Lines = e.Lines,
                Total = e.Total,
            },
            OrderConfirmed e => Advance(summary, OrderStatus.Confirmed, null) with
            {
                Total = e.Total,
                PaymentId = e.PaymentId ?? summary.PaymentId,
            },
            OrderRejected e => Advance(summary, e.Status, e.Detail is null ? e.Reason : $"{e.Reason}: {e.Detail}") with
            {
                // A charge nobody answered may have taken money: owed back until payment-service says what it took
                // (payments.refunded: given back; payments.failed, arriving before or after: nothing was taken).
                Refund = e.Reason == RejectionReasons.PaymentUnanswered && summary.PaymentId is null
                    ? summary.Refund ?? RefundStatus.Pending
                    : summary.Refund,
            },
            OrderCancelled e => Advance(summary, OrderStatus.Cancelled, e.Reason) with
            {
                PaymentId = e.PaymentId ?? summary.PaymentId,
                Refund = e.PaymentId is null ? summary.Refund : summary.Refund ?? RefundStatus.Pending,
            },
            PaymentRefunded e => summary with
            {
                PaymentId = summary.PaymentId ?? e.PaymentId,
                Refund = summary.Refund == RefundStatus.Refunded || e.Remaining.Amount == 0 ? RefundStatus.Refunded : RefundStatus.PartiallyRefunded,
                Refunded = new Money(e.Amount.Currency == summary.Refunded?.Currency ? summary.Refunded.Amount + e.Amount.Amount : e.Amount.Amount, e.Amount.Currency),
            },
            PaymentCompleted e => summary with { PaymentId = e.PaymentId },
            PaymentFailed e => summary with
            {
                PaymentId = summary.PaymentId ?? e.PaymentId,
                Refund = summary.Refund == RefundStatus.Pending && summary.Refunded is null ? null : summary.Refund,
            },
            ShipmentDispatched e => Advance(summary, OrderStatus.Shipped, null) with
            {
                Carrier = e.Carrier,
                TrackingNumber = e.TrackingNumber,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(integrationEvent), integrationEvent.GetType().Name, "Not an order event."),
        };

        return updated with
        {
            CustomerId = summary.CustomerId ?? CustomerIdOf(integrationEvent),
            UpdatedAt = integrationEvent.OccurredAt > summary.UpdatedAt ? integrationEvent.OccurredAt : summary.UpdatedAt,
            AppliedEvents = [.. summary.AppliedEvents.TakeLast(OrderSummary.RememberedEvents - 1), integrationEvent.EventId],
        };
    }

    private static OrderSummary Advance(OrderSummary summary, OrderStatus status, string? reason)
    {
        var next = OrderLifecycle.Later(summary.Status, status);
        return next == summary.Status ? summary : summary with { Status = next, StatusReason = reason };
    }
}
