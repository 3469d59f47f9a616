using CloudPatterns.Hosting.Http;
using CloudPatterns.Hosting.Problems;
using CloudPatterns.Security;
using CloudPatterns.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CloudPatterns.ProductService.Images;

public static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/products/{sku}/images", UploadImage).WithTags("Catalog").RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// The image is the request body (any content type: it is judged by its bytes). 202 with the upload; the
    /// variants appear on the product once image-processor has made them.
    /// </summary>
    [RawBody("The image: JPEG, PNG or WebP, judged by its bytes whatever the Content-Type.", "image/jpeg", "image/png", "image/webp")]
    [ProblemResponse(StatusCodes.Status404NotFound, "No product has this SKU.")]
    [ProblemResponse(StatusCodes.Status413PayloadTooLarge, "The image is larger than the upload limit (10 MB).")]
    [UnavailableResponse]
    public static async Task<Results<Accepted<ProductImage>, ValidationProblem, ProblemHttpResult>> UploadImage(
        string sku, HttpRequest request, ImageUploads uploads, IOptions<ImageOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > limit)
        {
            return TooLarge(limit);
        }

        var result = await uploads.UploadAsync(sku, buffer.ToArray(), cancellationToken);
        return result.Outcome switch
        {
            UploadOutcome.NoSuchProduct => ProblemResults.NotFound($"No product {sku}."),
            UploadOutcome.Refused => ProblemResults.Invalid("image", result.Problem!),
            _ => TypedResults.Accepted(PublicLinks.To(request, $"/products/{Uri.EscapeDataString(sku)}"), result.Image),
        };
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(title: "The image is too large.", detail: $"At most {limit} bytes are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
