namespace CloudPatterns.Contracts.Catalog;

/// <summary>What product-service accepts in a product's details; the web's catalog editor checks the same before it sends.</summary>
public static class ProductLimits
{
    public const int NameLength = 120;

    public const int DescriptionLength = 2000;

    public const int CategoryLength = 60;

    /// <summary>The lowest price, in the currency's major unit.</summary>
    public const decimal MinPrice = 0.01m;

    /// <summary>The highest price, in the currency's major unit.</summary>
    public const decimal MaxPrice = 1_000_000m;
}
