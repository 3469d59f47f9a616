namespace CloudPatterns.Workflows.OrderProcessing.Ports;

/// <summary>product-service's catalog, for pricing an order.</summary>
public interface IProductCatalog
{
    Task<PriceLookupResponse> LookUpPricesAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);
}
