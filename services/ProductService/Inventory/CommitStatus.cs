namespace CloudPatterns.ProductService.Inventory;

public enum CommitStatus
{
    Committed,
    AlreadyCommitted,

    /// <summary>The hold had expired, but enough stock was still available to take.</summary>
    CommittedLate,

    /// <summary>The hold had expired and the stock was sold to someone else meanwhile.</summary>
    Shortfall,
}
