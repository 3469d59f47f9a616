using CloudPatterns.Contracts.Events;
using CloudPatterns.OrderService.Queries;
using CloudPatterns.ServiceDefaults.Events;

namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>Order, payment and shipment events → the read model.</summary>
public sealed class ProjectOrderEvent<TEvent>(OrderProjector projector) : IIntegrationEventHandler<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public async Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        await projector.ProjectAsync(integrationEvent, cancellationToken);
        return EventOutcome.Success;
    }
}
