namespace CloudPatterns.ProductService.Inventory;

/// <summary>The outcome of a commit; <see cref="Shortfall"/> is how many units could not be taken.</summary>
public sealed record CommitResult(CommitStatus Status, int Shortfall);
