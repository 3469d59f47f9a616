using System.Globalization;
using CloudPatterns.Web.Api;

namespace CloudPatterns.Web.Storefront;

/// <summary>
/// A product's picture in the widths image-processor makes, as a responsive <c>srcset</c>: the browser picks the
/// smallest that fills its slot. The URLs are the public API's (/api/products/{sku}/images/{id}/{width}), which the
/// gateway serves on the site's own origin, so the site's Content-Security-Policy (img-src 'self') admits them.
/// </summary>
public static class ProductImages
{
    public static readonly int[] Widths = [640, 1280, 1920];

    /// <summary>The newest image whose variants are all made, or null.</summary>
    public static ProductImage? Ready(Product product) =>
        product.Images?.LastOrDefault(i => string.Equals(i.Status, "Ready", StringComparison.OrdinalIgnoreCase) && Widths.All(w => i.Variants.Any(v => v.Width == w)));

    public static string Url(string sku, ProductImage image, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/products/{Uri.EscapeDataString(sku)}/images/{Uri.EscapeDataString(image.UploadId)}/{width}");

    public static string SrcSet(string sku, ProductImage image) =>
        string.Join(", ", Widths.Select(w => string.Create(CultureInfo.InvariantCulture, $"{Url(sku, image, w)} {w}w")));

    public static int HeightAt(ProductImage image, int width) => image.Width == 0 ? width : (int)Math.Round((double)image.Height * width / image.Width);
}
