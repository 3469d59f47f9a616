using CloudPatterns.Contracts;

namespace CloudPatterns.Workflows.OrderProcessing.Activities;

/// <summary>The priced order, or why it cannot be accepted.</summary>
public sealed record OrderValidation(bool IsValid, string? Reason, IReadOnlyList<PricedOrderLine> Lines, Money? Total)
{
    public static OrderValidation Invalid(string reason) => new(false, reason, [], null);
}
