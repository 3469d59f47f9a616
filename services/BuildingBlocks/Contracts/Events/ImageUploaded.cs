namespace CloudPatterns.Contracts.Events;

/// <summary>An original image was stored under <see cref="Key"/> in the <c>images</c> binding.</summary>
[IntegrationEvent(ImageUploaded.Topic, "cloudpatterns.images.uploaded.v1")]
public sealed record ImageUploaded(
    Guid EventId, DateTimeOffset OccurredAt, string UploadId, string Sku, string Key, string ContentType)
    : IIntegrationEvent, IValidatableObject
{
    public const string Topic = "images.uploaded";

    public string CorrelationId => UploadId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => EventValidation.Of(this)
        .Id(UploadId, nameof(UploadId))
        .Id(Sku, nameof(Sku))
        .Id(Key, nameof(Key))
        .OneOf(ContentType, nameof(ContentType), ["image/jpeg", "image/png", "image/webp"])
        .Problems;
}
