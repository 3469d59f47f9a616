namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>The payment provider goes down: payment-service's breaker opens, and once the provider is back, orders ship again.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task AProviderOutageOpensTheBreakerAndOrdersShipAgainOnceItRecovers()
    {
        using var admin = await AdminAsync();
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        using var provider = Shop.PaymentProvider();
        var healthy = (await provider.GetFromJsonAsync<JsonObject>("/simulator/settings"))!;
        await EnsureStockAsync("MUG-CLASSIC-350", 4);
        try
        {
            (await provider.PutAsJsonAsync("/simulator/settings", new { failureRate = 1.0, latency = "00:00:00" })).EnsureSuccessStatusCode();
            var outage = new List<(Customer Customer, string OrderId)>();
            for (var i = 0; i < 3; i++)
            {
                var customer = await CustomerAsync($"outage{i}");
                outage.Add((customer, await PlaceOrderAsync(customer, "tok_visa", "MUG-CLASSIC-350", 1)));
            }

            // The workflow's retries of three orders make enough failed charges for payment-service's breaker
            // (5 calls at 50 % failures within 30 s, PaymentProvider options) to open.
            await EventuallyAsync("payment-service's provider breaker to open", () => CircuitAsync(adminToken), circuit => circuit == "Open");
            (await provider.PutAsJsonAsync("/simulator/settings", healthy)).EnsureSuccessStatusCode();

            using var after = await CustomerAsync("after");
            await PlaceOrderThatEndsAsync("Shipped", after, "tok_visa", "MUG-CLASSIC-350", 1);
            await EventuallyAsync("payment-service's provider breaker to close", () => CircuitAsync(adminToken), circuit => circuit == "Closed");
            foreach (var (customer, outageOrderId) in outage)
            {
                // Each order of the outage ends: failed (its retries ran out while the breaker was open) or shipped (a retry came after).
                Assert.Contains(Status(await FinalOrderAsync(customer.Client, outageOrderId)), (string[])["PaymentFailed", "Shipped"]);
                customer.Dispose();
            }
        }
        finally
        {
            (await provider.PutAsJsonAsync("/simulator/settings", healthy)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>payment-service's GET /provider/status, invoked through its sidecar as the README shows (an admin view).</summary>
    private async Task<string> CircuitAsync(string adminToken)
    {
        using var sidecar = Shop.Sidecar("payment-service", adminToken);
        var status = await sidecar.GetFromJsonAsync<JsonObject>("/v1.0/invoke/payment-service/method/provider/status");
        return status!["circuit"]!.GetValue<string>();
    }
}
