namespace CloudPatterns.OrderService.Queries;

/// <summary>A customer's orders, newest first.</summary>
public sealed record CustomerOrderList(IReadOnlyList<CustomerOrder> Orders)
{
    public static CustomerOrderList Empty { get; } = new([]);

    public CustomerOrderList With(CustomerOrder order) =>
        new(Orders.Where(o => o.OrderId != order.OrderId).Append(order)
            .OrderByDescending(o => o.PlacedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToList());
}
