namespace CloudPatterns.Contracts.Catalog;

/// <summary>POST /catalog/prices on product-service: the current price of each SKU, for pricing an order.</summary>
public sealed record PriceLookupRequest(IReadOnlyList<string> Skus) : IValidatableObject
{
    public const int MaxSkus = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Skus is not { Count: > 0 and <= MaxSkus } || Skus.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"must list between 1 and {MaxSkus} SKUs", [nameof(Skus)]);
        }
    }
}

/// <summary>The SKUs the catalog knows, with name, price and whether they can be sold; and the ones it does not know.</summary>
public sealed record PriceLookupResponse(IReadOnlyList<ProductPrice> Products, IReadOnlyList<string> Unknown);

public sealed record ProductPrice(string Sku, string Name, Money Price, bool Active);
