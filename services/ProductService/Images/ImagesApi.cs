namespace CloudPatterns.ProductService.Images;

public static class ImagesApi
{
    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/products/{sku}/images", UploadImage).WithTags("Catalog").RequireAuthorization(Policies.Admin);
        app.MapGet("/products/{sku}/images/{uploadId}/{width:int}", GetImageVariant).WithTags("Catalog");
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

    /// <summary>
    /// One variant's bytes, by the width it came out at (the widths are on the product's image). An upload id is a hash
    /// of the file, so a variant never changes: browsers and caches may keep it for good.
    /// </summary>
    [ProblemResponse(StatusCodes.Status404NotFound, "The product has no such image, or the image no variant this wide.")]
    [UnavailableResponse]
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetImageVariant(
        string sku,
        string uploadId,
        int width,
        CatalogStore catalog,
        [FromKeyedServices(DaprComponents.Images)] ObjectStore images,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var (product, _) = await catalog.GetAsync(sku, cancellationToken);
        var variant = product?.Images?.FirstOrDefault(i => i.UploadId == uploadId)?.Variants.FirstOrDefault(v => v.Width == width);
        if (variant is null)
        {
            return ProblemResults.NotFound($"Product {sku} has no image {uploadId} {width} pixels wide.");
        }

        // The ETag is known before the bytes are read: a browser revalidating what it holds costs no read of the storage.
        var etag = new EntityTagHeaderValue($"\"{uploadId}-{width}\"");
        if (response.HttpContext.Request.GetTypedHeaders().IfNoneMatch.Any(held => held.Compare(etag, useStrongComparison: false)))
        {
            KeepForGood(response, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        byte[] content;
        try
        {
            content = await images.GetAsync(variant.Key, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            return ProblemResults.NotFound($"The image {uploadId} {width} pixels wide is recorded but no longer stored.");
        }

        KeepForGood(response, etag);
        return TypedResults.File(content, s_contentTypes.TryGetContentType(variant.Key, out var type) ? type : "application/octet-stream", entityTag: etag);
    }

    private static void KeepForGood(HttpResponse response, EntityTagHeaderValue etag)
    {
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.ETag = etag.ToString();
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(title: "The image is too large.", detail: $"At most {limit} bytes are accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
