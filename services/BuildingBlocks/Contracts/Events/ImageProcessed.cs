namespace CloudPatterns.Contracts.Events;

/// <summary>The resized variants of an upload were written as processed/{width}/{key}.</summary>
[IntegrationEvent(ImageProcessed.Topic, "cloudpatterns.images.processed.v1")]
public sealed record ImageProcessed(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string UploadId, [property: Id] string Sku,
    [property: Items] IReadOnlyList<ImageVariant> Variants)
    : IIntegrationEvent
{
    public const string Topic = "images.processed";

    public string CorrelationId => UploadId;
}
