using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.ProductService.Inventory;

public sealed record SetStockRequest([property: Range(0, 1_000_000)] int OnHand);
