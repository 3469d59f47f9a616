namespace CloudPatterns.OrderService.Clients;

/// <summary>Customers on the Orders:BlockedCustomers list are refused; everyone else is welcome.</summary>
public sealed class ConfiguredCustomerCheck(IOptionsMonitor<OrderProcessingOptions> options) : ICustomerCheck
{
    public Task<string?> ReasonToRejectAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult(options.CurrentValue.BlockedCustomers.Contains(customerId, StringComparer.Ordinal)
            ? "the account is blocked"
            : null);
}
