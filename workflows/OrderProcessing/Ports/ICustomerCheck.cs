namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>Whether the shop accepts orders from a customer; null means yes, otherwise the reason why not.</summary>
public interface ICustomerCheck
{
    Task<string?> ReasonToRejectAsync(string customerId, CancellationToken cancellationToken);
}
