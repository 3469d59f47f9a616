namespace CloudPatterns.ProductService.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Seed the catalog from <see cref="SeedFile"/> at start-up (products that exist are left alone).</summary>
    public bool SeedOnStartup { get; set; } = true;

    /// <summary>Relative to the app's folder.</summary>
    [Required]
    public string SeedFile { get; set; } = "Catalog/catalog-seed.json";
}
