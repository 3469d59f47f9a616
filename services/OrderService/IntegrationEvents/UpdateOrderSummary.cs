namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>Order, payment and shipment events → the read model.</summary>
public sealed class UpdateOrderSummary<TEvent>(OrderSummaryUpdater summaries) : IIntegrationEventHandler<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public async Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        await summaries.ApplyAsync(integrationEvent, cancellationToken);
        return EventOutcome.Success;
    }
}
