namespace CloudPatterns.OrderService.Queries;

public sealed record CustomerOrderPage(IReadOnlyList<CustomerOrder> Items, int Page, int PageSize, int TotalCount);
