namespace CloudPatterns.Web.Operations;

/// <summary>The catalog editor's addresses.</summary>
public static class CatalogLinks
{
    public static string Edit(string sku) => $"/ops/catalog/{Uri.EscapeDataString(sku)}";

    public static string Images(string sku) => $"/ops/catalog/{Uri.EscapeDataString(sku)}/images";
}
