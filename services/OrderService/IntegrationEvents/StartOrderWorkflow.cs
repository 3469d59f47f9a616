namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>
/// The queue consumer: orders.submitted → project the order as Submitted → start its workflow, with the
/// order id as instance id. A redelivered message finds the workflow started (or the order moved on) and
/// starts nothing; an order that does not exist can never be processed and is dropped to the dead letters.
/// </summary>
public sealed class StartOrderWorkflow(OrderStore orders, OrderSummaryUpdater summaries, OrderWorkflowStarter workflows)
    : IIntegrationEventHandler<OrderSubmitted>
{
    public async Task<EventOutcome> HandleAsync(OrderSubmitted integrationEvent, CancellationToken cancellationToken)
    {
        var (order, _) = await orders.GetAsync(integrationEvent.OrderId, cancellationToken);
        if (order is null)
        {
            return EventOutcome.Drop($"order {integrationEvent.OrderId} does not exist in order-store");
        }

        await summaries.ApplyAsync(integrationEvent, cancellationToken);
        if (order.Status == OrderStatus.Submitted)
        {
            await workflows.StartAsync(order, cancellationToken);
        }

        return EventOutcome.Success;
    }
}
