namespace CloudPatterns.OrderService.Clients;

/// <summary>product-service through Dapr service invocation: pricing and reservation release.</summary>
public sealed class ProductServiceClient(HttpClient http) : IProductCatalog, IInventoryReservations
{
    public async Task<PriceLookupResponse> LookUpPricesAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("catalog/prices", new PriceLookupRequest(skus), JsonDefaults.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PriceLookupResponse>(JsonDefaults.Options, cancellationToken))!;
    }

    public async Task ReleaseAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"inventory/reservations/{Uri.EscapeDataString(orderId)}/release", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
