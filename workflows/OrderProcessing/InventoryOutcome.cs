using CloudPatterns.Contracts;

namespace CloudPatterns.Workflows.OrderProcessing;

public sealed record InventoryOutcome(bool Reserved, IReadOnlyList<StockShortage> Shortages);
