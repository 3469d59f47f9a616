namespace CloudPatterns.Testing.PubSub;

/// <summary>
/// pubsub.redis gives a delivery processingTimeout to be acknowledged: daprd's handling of it (every attempt of
/// the inbound retry policy) runs under that deadline, a message not acknowledged by then stays pending, and the
/// reclaim loop claims it again once idle that long, checking every redeliverInterval. processingTimeout is a
/// duration or milliseconds (default 60 s); redeliverInterval only milliseconds (default 15 s, a duration string
/// is ignored); either at 0 turns both off
/// (https://github.com/dapr/components-contrib/blob/v1.18.4/common/component/redis/redis.go#L136-L175,
/// https://github.com/dapr/components-contrib/blob/v1.18.4/pubsub/redis/redis.go#L241-L262,
/// https://github.com/dapr/components-contrib/blob/v1.18.4/pubsub/redis/redis.go#L305-L360).
/// The fabric counts the time handlers take on its clock, not the back-off between attempts, so it reclaims later
/// than Redis would, never earlier.
/// </summary>
public static class RedisReclaim
{
    /// <summary>Reclaims of one message after which the fabric stops handing it out.</summary>
    public const int MaxReclaims = 3;

    /// <summary>The deadline for acknowledging a delivery on <paramref name="pubsubName"/>; null when it is not pubsub.redis or reclaiming is off.</summary>
    public static TimeSpan? ProcessingTimeout(ComponentRegistry components, string pubsubName)
    {
        if (!components.TryGet(pubsubName, out var pubsub) || pubsub.Type != "pubsub.redis")
        {
            return null;
        }

        var processingTimeout = Milliseconds(pubsub.MetadataValue("processingTimeout"))
            ?? Durations.Parse(pubsub.MetadataValue("processingTimeout"))
            ?? TimeSpan.FromSeconds(60);
        var redeliverInterval = Milliseconds(pubsub.MetadataValue("redeliverInterval")) ?? TimeSpan.FromSeconds(15);
        return processingTimeout > TimeSpan.Zero && redeliverInterval > TimeSpan.Zero ? processingTimeout : null;
    }

    private static TimeSpan? Milliseconds(string? value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
}
