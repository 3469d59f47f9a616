namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>product-service's idempotent release of an order's reservation (the saga's compensation).</summary>
public interface IInventoryReservations
{
    Task ReleaseAsync(string orderId, CancellationToken cancellationToken);
}
