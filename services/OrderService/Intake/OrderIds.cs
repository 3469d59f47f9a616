namespace CloudPatterns.OrderService.Intake;

/// <summary>
/// Order ids. With an Idempotency-Key the id is derived from the customer and the key, so a retried POST
/// lands on the same order and the store's insert-only write turns the retry into a lookup.
/// </summary>
public static class OrderIds
{
    public static string New() => Guid.NewGuid().ToString();

    public static string ForIdempotencyKey(string customerId, string idempotencyKey) => StableIds.GuidOf(customerId, idempotencyKey).ToString();
}
