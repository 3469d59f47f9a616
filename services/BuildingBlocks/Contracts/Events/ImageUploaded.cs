namespace CloudPatterns.Contracts.Events;

/// <summary>An original image was stored under <see cref="Key"/> in the <c>images</c> binding.</summary>
[IntegrationEvent(ImageUploaded.Topic, "cloudpatterns.images.uploaded.v1")]
public sealed record ImageUploaded(
    Guid EventId, DateTimeOffset OccurredAt, [property: Id] string UploadId, [property: Id] string Sku, [property: Id] string Key,
    [property: OneOf("image/jpeg", "image/png", "image/webp")] string ContentType)
    : IIntegrationEvent
{
    public const string Topic = "images.uploaded";

    public string CorrelationId => UploadId;
}
