namespace CloudPatterns.ProductService;

/// <summary>The Dapr components this app uses. Each must exist and be scoped to product-service (checked by the configuration tests).</summary>
public static class DaprComponents
{
    public const string PubSub = Topics.PubSub;

    /// <summary>Catalog documents and reservation records; also the inventory actors' state store.</summary>
    public const string ProductStore = "product-store";

    /// <summary>Object storage (output binding) for product images: originals here, resized variants by image-processor.</summary>
    public const string Images = "images";
}
