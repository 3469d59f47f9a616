namespace CloudPatterns.OrderService.IntegrationEvents;

/// <summary>inventory.reserved / inventory.insufficient → the waiting order workflow's "inventory" event.</summary>
public sealed partial class ForwardInventoryOutcome(IDaprWorkflowClient workflows, ILogger<ForwardInventoryOutcome> logger)
    : IIntegrationEventHandler<InventoryReserved>, IIntegrationEventHandler<InventoryInsufficient>
{
    public Task<EventOutcome> HandleAsync(InventoryReserved integrationEvent, CancellationToken cancellationToken) =>
        RaiseAsync(integrationEvent.OrderId, new InventoryOutcome(true, []), cancellationToken);

    public Task<EventOutcome> HandleAsync(InventoryInsufficient integrationEvent, CancellationToken cancellationToken) =>
        RaiseAsync(integrationEvent.OrderId, new InventoryOutcome(false, integrationEvent.Shortages), cancellationToken);

    private async Task<EventOutcome> RaiseAsync(string orderId, InventoryOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.RaiseEventAsync(orderId, WorkflowEvents.Inventory, outcome, cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // The workflow is over (it timed out waiting): its orders.rejected already released the stock.
            LogLate(logger, orderId);
        }

        return EventOutcome.Success;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inventory answer for order {OrderId} arrived after its workflow ended; ignored")]
    private static partial void LogLate(ILogger logger, string orderId);
}
