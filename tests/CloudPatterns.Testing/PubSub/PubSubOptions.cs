namespace CloudPatterns.Testing.PubSub;

/// <summary>How the broker misbehaves on purpose, to prove consumers idempotent and order-tolerant.</summary>
public sealed class PubSubOptions
{
    /// <summary>Deliver every message twice (Dapr delivers at least once).</summary>
    public bool DuplicateDelivery { get; set; }

    /// <summary>Deliver pending messages in a random order instead of publication order.</summary>
    public bool ReorderDeliveries { get; set; }

    /// <summary>Seed for <see cref="ReorderDeliveries"/>, so a failing order can be replayed.</summary>
    public int Seed { get; set; } = 20250101;

    /// <summary>Redeliveries after the first failed attempt; null takes the pub/sub inbound retry policy from resiliency.yaml.</summary>
    public int? Retries { get; set; }

    /// <summary>Deliveries in flight per app at once; null takes the pub/sub component's concurrency (and the app's limit).</summary>
    public int? MaxConcurrentDeliveries { get; set; }
}
