namespace CloudPatterns.Testing.Requests;

/// <summary>
/// The body of POST /orders as a client sends it, for every test that places an order: one builder, so a change
/// to the request is one change here. Tests about malformed bodies write their own.
/// </summary>
public static class OrderRequests
{
    /// <summary>An order in USD paid with <paramref name="token"/>; one desk lamp when no lines are given.</summary>
    public static JsonObject For(string customerId = "customer-1", string token = "tok_visa", params (string Sku, int Quantity)[] lines) => new()
    {
        ["customerId"] = customerId,
        ["currency"] = "USD",
        ["lines"] = new JsonArray([.. (lines.Length == 0 ? [("LAMP-DESK-LED", 1)] : lines)
            .Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity })]),
        ["payment"] = new JsonObject { ["type"] = "card", ["token"] = token },
    };
}
