namespace CloudPatterns.ShippingService.Quotes;

/// <summary>A base price plus a price per kg (billed per started 100 g), and the days delivery takes.</summary>
public sealed class Rate
{
    [Range(typeof(decimal), "0", "1000")]
    public decimal Base { get; set; }

    [Range(typeof(decimal), "0", "1000")]
    public decimal PerKg { get; set; }

    [Range(1, 60)]
    public int Days { get; set; }
}
