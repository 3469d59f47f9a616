namespace CloudPatterns.Configuration.Tests;

/// <summary>
/// When each broker hands a message out again although its receiver has not answered yet. While daprd is still
/// redelivering a message to the app (resiliency.yaml's inbound budget), the broker must not give it to a second
/// delivery. Read from components-contrib v1.18.4.
/// </summary>
public static class BrokerRedelivery
{
    /// <summary>What is wrong with <paramref name="pubsub"/> for a budget of <paramref name="budget"/>, or null.</summary>
    public static string? Problem(ComponentDefinition pubsub, TimeSpan budget) => pubsub.Type switch
    {
        // A pending message is claimed again once idle for processingTimeout (pubsub/redis/redis.go,
        // reclaimPendingMessages); redeliverInterval is read only as milliseconds (common/component/redis/redis.go).
        "pubsub.redis" => Redis(pubsub, budget),

        // A received message is invisible for messageVisibilityTimeout seconds (default 10) from its receipt,
        // never extended (pubsub/aws/snssqs/snssqs.go, consumeSubscription; metadata.go), including the time it
        // waits for a handler: none when concurrency is unlimited, up to one delivery behind a concurrencyLimit,
        // up to the rest of its batch (messageMaxNumber, default 10) in single mode.
        "pubsub.aws.snssqs" => SnsSqs(pubsub, budget),

        // The lock is renewed every lockRenewalInSec (default 20) for as long as the handler runs, so it must
        // come round before lockDurationInSec (server default 60) runs out (common/component/azure/servicebus/
        // subscription.go, renewLocksBlocking); the handler's context ends after handlerTimeoutInSec (default 60).
        "pubsub.azure.servicebus.topics" => ServiceBus(pubsub, budget),

        // Sarama heartbeats from its own goroutine and a claimed partition waits for its handler: Kafka hands a
        // message to another consumer only when the group rebalances (common/component/kafka/consumer.go).
        "pubsub.kafka" => null,

        _ => $"no redelivery rule for {pubsub.Type}; read its component and add one",
    };

    private static string? Redis(ComponentDefinition pubsub, TimeSpan budget)
    {
        var processingTimeout = Durations.Parse(pubsub.MetadataValue("processingTimeout")) ?? TimeSpan.FromSeconds(60);
        if (processingTimeout <= budget)
        {
            return $"processingTimeout {processingTimeout} does not outlast {budget}";
        }

        return pubsub.MetadataValue("redeliverInterval") is { } interval && !uint.TryParse(interval, out _)
            ? "redeliverInterval takes milliseconds; a duration string is ignored"
            : null;
    }

    private static string? SnsSqs(ComponentDefinition pubsub, TimeSpan budget)
    {
        var visibility = Seconds(pubsub, "messageVisibilityTimeout", 10);
        var deliveries = pubsub.MetadataValue("concurrencyMode") == "single"
            ? Count(pubsub, "messageMaxNumber", 10)
            : Count(pubsub, "concurrencyLimit", 0) > 0 ? 2 : 1;
        return visibility > budget * deliveries
            ? null
            : $"messageVisibilityTimeout {visibility} does not outlast {deliveries} deliveries of up to {budget} (waiting for a handler, then its own)";
    }

    private static string? ServiceBus(ComponentDefinition pubsub, TimeSpan budget)
    {
        var renewal = Seconds(pubsub, "lockRenewalInSec", 20);
        var lockDuration = Seconds(pubsub, "lockDurationInSec", 60);
        var handlerTimeout = Seconds(pubsub, "handlerTimeoutInSec", 60);
        if (renewal <= TimeSpan.Zero || renewal >= lockDuration)
        {
            return $"locks renewed every {renewal} expire after {lockDuration} before the next renewal";
        }

        return handlerTimeout > budget ? null : $"handlerTimeoutInSec {handlerTimeout} does not outlast {budget}";
    }

    private static TimeSpan Seconds(ComponentDefinition pubsub, string name, int defaultSeconds) =>
        TimeSpan.FromSeconds(Count(pubsub, name, defaultSeconds));

    private static int Count(ComponentDefinition pubsub, string name, int defaultValue) =>
        pubsub.MetadataValue(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : defaultValue;
}
