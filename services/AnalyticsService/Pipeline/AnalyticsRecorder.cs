namespace CloudPatterns.AnalyticsService.Pipeline;

/// <summary>Every analytics event is handled alike: recorded in the summary once per event id, then counted in the metrics.</summary>
public sealed class AnalyticsRecorder(SummaryStore store, AnalyticsMetrics metrics) :
    IIntegrationEventHandler<OrderProgressed>,
    IIntegrationEventHandler<OrderCreated>,
    IIntegrationEventHandler<OrderConfirmed>,
    IIntegrationEventHandler<OrderRejected>,
    IIntegrationEventHandler<OrderCancelled>,
    IIntegrationEventHandler<PaymentCompleted>,
    IIntegrationEventHandler<PaymentFailed>,
    IIntegrationEventHandler<InventoryInsufficient>,
    IIntegrationEventHandler<ShipmentDispatched>
{
    public Task<EventOutcome> HandleAsync(OrderProgressed integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(ShipmentDispatched integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(OrderCreated integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(OrderConfirmed integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(OrderRejected integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(OrderCancelled integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(PaymentCompleted integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(PaymentFailed integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    public Task<EventOutcome> HandleAsync(InventoryInsufficient integrationEvent, CancellationToken cancellationToken) => RecordAsync(integrationEvent, cancellationToken);

    private async Task<EventOutcome> RecordAsync(IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (await store.RecordOnceAsync(integrationEvent, cancellationToken))
        {
            metrics.Recorded(integrationEvent);
        }

        return EventOutcome.Success;
    }
}
