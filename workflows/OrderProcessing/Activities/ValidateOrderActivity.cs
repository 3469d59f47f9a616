namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>
/// ValidateOrder: prices every line from the catalog and totals the order; rejects unknown SKUs, inactive
/// products, prices in another currency, and customers the shop does not accept. Read-only, so safe to repeat.
/// </summary>
public sealed class ValidateOrderActivity(IProductCatalog catalog, ICustomerCheck customers) : WorkflowActivity<OrderWorkflowInput, OrderValidation>
{
    public override async Task<OrderValidation> RunAsync(WorkflowActivityContext context, OrderWorkflowInput input)
    {
        if (await customers.ReasonToRejectAsync(input.CustomerId, CancellationToken.None) is { } customerProblem)
        {
            return OrderValidation.Invalid($"customer {input.CustomerId}: {customerProblem}");
        }

        var prices = await catalog.LookUpPricesAsync(input.Lines.Select(l => l.Sku).Distinct().ToList(), CancellationToken.None);
        if (prices.Unknown.Count > 0)
        {
            return OrderValidation.Invalid($"unknown SKU: {string.Join(", ", prices.Unknown)}");
        }

        var bySku = prices.Products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var inactive = input.Lines.Where(l => !bySku[l.Sku].Active).Select(l => l.Sku).Distinct().ToList();
        if (inactive.Count > 0)
        {
            return OrderValidation.Invalid($"inactive product: {string.Join(", ", inactive)}");
        }

        var otherCurrency = prices.Products.FirstOrDefault(p => p.Price.Currency != input.Currency);
        if (otherCurrency is not null)
        {
            return OrderValidation.Invalid($"{otherCurrency.Sku} is priced in {otherCurrency.Price.Currency}, the order is in {input.Currency}");
        }

        var lines = input.Lines.Select(l => new PricedOrderLine(l.Sku, bySku[l.Sku].Name, l.Quantity, bySku[l.Sku].Price)).ToList();
        var total = lines.Aggregate(Money.Zero(input.Currency), (sum, line) => sum.Add(line.LineTotal));
        return new OrderValidation(true, null, lines, total);
    }
}

/// <summary>The priced order, or why it cannot be accepted.</summary>
public sealed record OrderValidation(bool IsValid, string? Reason, IReadOnlyList<PricedOrderLine> Lines, Money? Total)
{
    public static OrderValidation Invalid(string reason) => new(false, reason, [], null);
}
