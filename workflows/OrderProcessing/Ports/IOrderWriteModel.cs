namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>
/// The order's write model, owned by order-service. Applying an update moves the order to a status and
/// publishes that status's integration event; applying it again changes nothing (activities run at least once).
/// </summary>
public interface IOrderWriteModel
{
    Task<OrderUpdateResult> ApplyAsync(OrderUpdate update, CancellationToken cancellationToken);
}
