namespace CloudPatterns.Bench;

/// <summary>Order intake under load; per build, the orders accepted (2xx, warm-up included) and the outbox messages committed: one each.</summary>
public sealed record IntakeResult(List<Load> Loads, List<IntakeOutbox> Outbox);

public sealed record IntakeOutbox(string OrderService, long Accepted, long OutboxMessages);

public static class OrderIntakeLoad
{
    private static readonly string s_order = JsonSerializer.Serialize(new
    {
        customerId = "bench-customer",
        currency = "USD",
        lines = new[] { new { sku = "MUG-CLASSIC-350", quantity = 1 } },
        payment = new { type = "card", token = "tok_bench_visa" },
    });

    /// <summary>
    /// Each order-service build on its own, with the loopback sidecar: POST /orders with a customer's token, 1 and 32
    /// connections after a warm-up. Each accepted order is one state transaction (the order and its outbox message);
    /// no idempotency key, so every request is a new order. The workflow that would follow is not started: its
    /// worker finds no workflow API on the fake sidecar and waits.
    /// </summary>
    public static async Task<IntakeResult> MeasureAsync(IReadOnlyList<Published> orderServices, FakeSidecar sidecar, BenchOptions options)
    {
        var token = Tokens.Customer("bench-customer", FakeSidecar.SigningKey);
        var result = new IntakeResult([], []);
        foreach (var orderService in orderServices)
        {
            using var process = sidecar.Start(orderService, new Dictionary<string, string>());
            await process.FirstAnswerAsync(TimeSpan.FromSeconds(30));
            var suffix = orderService.App.Name["order-service".Length..];
            var before = sidecar.OutboxMessages;
            var url = $"{process.BaseAddress}/orders";
            var warmUp = Wrk.Run($"order intake{suffix}", url, 32, TimeSpan.FromSeconds(2), token, s_order);
            var accepted = warmUp.Requests - warmUp.Errors;
            foreach (var connections in new[] { 1, 32 })
            {
                var load = Wrk.Run($"order intake{suffix}", url, connections, options.Duration, token, s_order);
                Console.WriteLine(FormattableString.Invariant(
                    $"  {load.Target,-28} c={connections,-3} {load.RequestsPerSecond,8:0} req/s  p50 {load.P50Microseconds,7:0} us  p99 {load.P99Microseconds,7:0} us  errors {load.Errors}"));
                result.Loads.Add(load);
                accepted += load.Requests - load.Errors;
            }

            result.Outbox.Add(new IntakeOutbox(orderService.App.Name, accepted, sidecar.OutboxMessages - before));
        }

        return result;
    }
}
