namespace CloudPatterns.NotificationService.IntegrationEvents;

/// <summary>
/// The news each event brings a customer, handed to the <see cref="Notifier"/>. The service is event-driven only:
/// everything it does starts here.
/// </summary>
public sealed class CustomerNotifications(Notifier notifier, MessageTemplates templates) :
    IIntegrationEventHandler<OrderConfirmed>,
    IIntegrationEventHandler<OrderRejected>,
    IIntegrationEventHandler<OrderCancelled>,
    IIntegrationEventHandler<InventoryInsufficient>,
    IIntegrationEventHandler<PaymentFailed>,
    IIntegrationEventHandler<ShipmentDispatched>,
    IIntegrationEventHandler<PaymentRefunded>
{
    public Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OrderConfirmed,
            templates.OrderConfirmed(integrationEvent), integrationEvent.EventId), cancellationToken);

    /// <summary>
    /// A rejected order. Out-of-stock and payment rejections are the same news as inventory.insufficient and
    /// payments.failed, so they share those kinds: whichever event arrives first is the one message sent.
    /// </summary>
    public Task<EventOutcome> HandleAsync(OrderRejected integrationEvent, CancellationToken cancellationToken)
    {
        var (orderId, customerId) = (integrationEvent.OrderId, integrationEvent.CustomerId);
        var (kind, message) = integrationEvent.Reason switch
        {
            RejectionReasons.OutOfStock => (NotificationKind.OutOfStock, templates.OutOfStock(orderId, customerId, integrationEvent.Shortages)),
            RejectionReasons.PaymentFailed => (NotificationKind.PaymentFailed, templates.PaymentFailed(orderId, customerId, integrationEvent.Detail)),
            RejectionReasons.PaymentUnanswered => (NotificationKind.PaymentFailed, templates.PaymentUnanswered(orderId, customerId)),
            _ => (NotificationKind.OrderRejected, templates.OrderRejected(orderId, customerId, integrationEvent.Reason)),
        };
        return notifier.NotifyAsync(new Notification(orderId, customerId, kind, message, integrationEvent.EventId), cancellationToken);
    }

    public Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OrderCancelled,
            templates.OrderCancelled(integrationEvent), integrationEvent.EventId), cancellationToken);

    /// <summary>The out-of-stock news, naming the short SKUs. orders.rejected (out-of-stock) carries the same news and is not sent again.</summary>
    public Task<EventOutcome> HandleAsync(InventoryInsufficient integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.OutOfStock,
            templates.OutOfStock(integrationEvent.OrderId, integrationEvent.CustomerId ?? string.Empty, integrationEvent.Shortages),
            integrationEvent.EventId), cancellationToken);

    /// <summary>The payment news. orders.rejected (payment-failed) carries the same news and is not sent again.</summary>
    public Task<EventOutcome> HandleAsync(PaymentFailed integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.PaymentFailed,
            templates.PaymentFailed(integrationEvent.OrderId, integrationEvent.CustomerId ?? string.Empty, integrationEvent.Reason),
            integrationEvent.EventId), cancellationToken);

    public Task<EventOutcome> HandleAsync(ShipmentDispatched integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.Shipped,
            templates.Shipped(integrationEvent, integrationEvent.CustomerId ?? string.Empty), integrationEvent.EventId), cancellationToken);

    /// <summary>The first refund of an order (one message per kind and order: a second partial refund is not sent).</summary>
    public Task<EventOutcome> HandleAsync(PaymentRefunded integrationEvent, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(new Notification(integrationEvent.OrderId, integrationEvent.CustomerId, NotificationKind.Refunded,
            templates.Refunded(integrationEvent, integrationEvent.CustomerId ?? string.Empty), integrationEvent.EventId), cancellationToken);
}
