using System.ComponentModel.DataAnnotations;

namespace CloudPatterns.Contracts.Events;

/// <summary>An original image was stored under <see cref="Key"/> in the <c>images</c> binding.</summary>
[IntegrationEvent(Topics.ImagesUploaded, "cloudpatterns.images.uploaded.v1")]
public sealed record ImageUploaded(
    Guid EventId, DateTimeOffset OccurredAt, string UploadId, string Sku, string Key, string ContentType)
    : IIntegrationEvent, IValidatableObject
{
    public string CorrelationId => UploadId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EventValidation.Envelope(this)
            .Concat(EventValidation.Required(UploadId, nameof(UploadId)))
            .Concat(EventValidation.Required(Sku, nameof(Sku)))
            .Concat(EventValidation.Required(Key, nameof(Key)));
}
