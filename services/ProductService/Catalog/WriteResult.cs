namespace CloudPatterns.ProductService.Catalog;

public enum WriteResult
{
    Written,
    NotFound,
    Stale,
}
