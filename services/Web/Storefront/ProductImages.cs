namespace CloudPatterns.Web.Storefront;

/// <summary>
/// A product's picture in the widths image-processor made, as a responsive <c>srcset</c>: the browser picks the
/// smallest that fills its slot. image-processor aims at 640, 1280 and 1920 pixels but never enlarges, so a small
/// original has fewer distinct widths; each is listed at the width it came out at. The URLs are the public API's
/// (/api/products/{sku}/images/{id}/{width}), which the gateway serves on the site's own origin, so the site's
/// Content-Security-Policy (img-src 'self') admits them.
/// </summary>
public static class ProductImages
{
    /// <summary>The newest image whose variants are made, or null.</summary>
    public static ProductImage? Ready(Product product) =>
        product.Images?.LastOrDefault(i => string.Equals(i.Status, "Ready", StringComparison.OrdinalIgnoreCase) && i.Variants.Count > 0);

    /// <summary>The variants by width, narrowest first, one per width.</summary>
    public static IReadOnlyList<ImageVariant> Variants(ProductImage image) =>
        [.. image.Variants.DistinctBy(v => v.Width).OrderBy(v => v.Width)];

    public static string Url(string sku, ProductImage image, ImageVariant variant) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/products/{Uri.EscapeDataString(sku)}/images/{Uri.EscapeDataString(image.UploadId)}/{variant.Width}");

    public static string SrcSet(string sku, ProductImage image) =>
        string.Join(", ", Variants(image).Select(v => string.Create(CultureInfo.InvariantCulture, $"{Url(sku, image, v)} {v.Width}w")));
}
