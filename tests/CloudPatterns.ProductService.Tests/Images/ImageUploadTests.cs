namespace CloudPatterns.ProductService.Tests.Images;

/// <summary>product-service's side of an image: the upload an admin sends, the variants image-processor announces, and the variants browsers fetch.</summary>
public sealed class ImageUploadTests
{
    private const string Sku = "LAMP-DESK-LED";

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", "jpg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "webp")]
    public async Task AnAcceptedUploadIsStoredRecordedAsProcessingAndAnnounced(SKEncodedImageFormat format, string contentType, string extension)
    {
        await using var host = await ProductServiceHost.StartAsync();

        // Judged by its bytes: the declared type is ignored.
        using var response = await host.Client.PostAsync($"products/{Sku}/images", Body(TestImages.Halves(300, 200, format), "application/octet-stream"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/products/{Sku}", response.Headers.Location?.OriginalString);
        var image = (await response.Content.ReadFromJsonAsync<ProductImage>(JsonDefaults.Options))!;
        Assert.Matches("^img_[0-9a-f]{24}$", image.UploadId);
        Assert.Equal($"originals/{Sku}/{image.UploadId}.{extension}", image.OriginalKey);
        Assert.Equal(contentType, image.ContentType);
        Assert.Equal(300, image.Width);
        Assert.Equal(200, image.Height);
        Assert.Equal(ProductImageStatus.Processing, image.Status);
        Assert.Empty(image.Variants);
        Assert.Equal(host.Fabric.Time.GetUtcNow(), image.UploadedAt);

        var stored = Assert.Single(host.Fabric.Bindings.Calls, c => c.Operation == "create");
        Assert.Equal(image.OriginalKey, stored.Metadata["fileName"]);
        Assert.Equal(contentType, stored.Metadata["contentType"]);
        var uploaded = Assert.Single(host.Fabric.PubSub.PublishedTo(ImageUploaded.Topic)).DataAs<ImageUploaded>();
        Assert.Equal(
            new ImageUploaded(ImageUploads.EventIdFor(image.UploadId), image.UploadedAt, image.UploadId, Sku, image.OriginalKey, contentType),
            uploaded);
        var recorded = Assert.Single((await ProductAsync(host)).Images!);
        Assert.Equal(image.UploadId, recorded.UploadId);
        Assert.Equal(ProductImageStatus.Processing, recorded.Status);
    }

    [Fact]
    public async Task TheSameFileAgainIsTheSameUploadAnnouncedAgainUnderOneEventIdButOnAnotherProductItIsAnotherOne()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var file = TestImages.Halves(300, 200, SKEncodedImageFormat.Png);

        var first = await UploadAsync(host, Sku, file);
        var again = await UploadAsync(host, Sku, file);
        var elsewhere = await UploadAsync(host, "MUG-CLASSIC-350", file);

        Assert.Equal(first.UploadId, again.UploadId);
        Assert.NotEqual(first.UploadId, elsewhere.UploadId);
        Assert.Single((await ProductAsync(host)).Images!);
        // Still processing: announced again (the first announcement may have been lost), as the same event.
        var announced = host.Fabric.PubSub.PublishedTo(ImageUploaded.Topic).Select(m => m.DataAs<ImageUploaded>()).ToList();
        Assert.Equal([first.UploadId, first.UploadId, elsewhere.UploadId], announced.Select(e => e.UploadId));
        Assert.Equal(2, announced.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task TheSameFileAgainOnceItsVariantsExistAnswersTheReadyImageAndAnnouncesNothing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var file = TestImages.Halves(300, 200, SKEncodedImageFormat.Png);
        var image = await UploadAsync(host, Sku, file);
        await host.DeliverAsync(new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, image.UploadId, Sku, [new(300, 200, $"processed/640/{Sku}/{image.UploadId}.jpg")]), AppIds.ImageProcessor);

        var again = await UploadAsync(host, Sku, file);

        Assert.Equal(ProductImageStatus.Ready, again.Status);
        Assert.Single(host.Fabric.PubSub.PublishedTo(ImageUploaded.Topic));
    }

    [Theory, MemberData(nameof(TestImages.Unacceptable), MemberType = typeof(TestImages))]
    public async Task WhatIsNotAnAcceptableImageIsRefusedWithTheReasonAndNothingIsKept(string reason, byte[] file)
    {
        await using var host = await ProductServiceHost.StartAsync();

        using var response = await host.Client.PostAsync($"products/{Sku}/images", Body(file));

        var problem = await ValidationProblems.ReadAsync(response);
        Assert.Equal([reason], problem.Errors["image"]);
        Assert.Empty(host.Fabric.Bindings.Calls);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(ImageUploaded.Topic));
        Assert.Null((await ProductAsync(host)).Images);
    }

    [Fact]
    public async Task AnImageOfExactlyTheAllowedPixelsIsAcceptedAndOnePixelMoreIsRefused()
    {
        await using var exactly = await ProductServiceHost.StartAsync(configure: b => b.UseSetting("Images:MaxPixels", "60000"));
        await using var oneLess = await ProductServiceHost.StartAsync(configure: b => b.UseSetting("Images:MaxPixels", "59999"));
        var file = TestImages.Halves(300, 200, SKEncodedImageFormat.Png);

        using var accepted = await exactly.Client.PostAsync($"products/{Sku}/images", Body(file));
        using var refused = await oneLess.Client.PostAsync($"products/{Sku}/images", Body(file));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["is 300 x 200 pixels, more than the 59999 allowed"], problem!.Errors["image"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnUploadOfOneByteOverTheLimitIs413SayingTheLimitWhetherOrNotItsLengthWasDeclared(bool lengthDeclared)
    {
        await using var host = await ProductServiceHost.StartAsync(configure: b => b.UseSetting("Images:MaxUploadBytes", "1024"));

        using var atTheLimit = await host.Client.PostAsync($"products/{Sku}/images", Body(new byte[1024], declareLength: lengthDeclared));
        using var over = await host.Client.PostAsync($"products/{Sku}/images", Body(new byte[1025], declareLength: lengthDeclared));

        Assert.Equal(HttpStatusCode.BadRequest, atTheLimit.StatusCode); // judged, and found not to be an image
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        var problem = await over.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The image is too large.", problem!.Title);
        Assert.Equal("At most 1024 bytes are accepted.", problem.Detail);
        Assert.Empty(host.Fabric.Bindings.Calls);
    }

    [Fact]
    public async Task AnUploadForAnUnknownProductIs404NamingIt()
    {
        await using var host = await ProductServiceHost.StartAsync();

        using var response = await host.Client.PostAsync("products/NOPE-404/images", Body(TestImages.Halves(30, 20, SKEncodedImageFormat.Png)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No product NOPE-404.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty(host.Fabric.Bindings.Calls);
    }

    [Fact]
    public async Task ProcessedVariantsMakeTheImageReadyOnceAndARepeatChangesNothing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var image = await UploadAsync(host, Sku, TestImages.Halves(300, 200, SKEncodedImageFormat.Png));
        ImageVariant[] variants = [new(300, 200, $"processed/640/{Sku}/{image.UploadId}.jpg")];
        var processed = new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, image.UploadId, Sku, variants);

        var first = await host.DeliverAsync(processed, AppIds.ImageProcessor);
        var readyAt = host.Fabric.Time.GetUtcNow();
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(5));
        var repeat = await host.DeliverAsync(processed, AppIds.ImageProcessor);

        Assert.Equal("SUCCESS", first);
        Assert.Equal("SUCCESS", repeat);
        var ready = Assert.Single((await ProductAsync(host)).Images!);
        Assert.Equal(ProductImageStatus.Ready, ready.Status);
        Assert.Equal(variants, ready.Variants);
        Assert.Equal(readyAt, ready.ProcessedAt);
        Assert.Equal(image.UploadedAt, ready.UploadedAt);
        Assert.Equal(image.OriginalKey, ready.OriginalKey);
    }

    [Theory]
    [InlineData(Sku, "img_000000000000000000000000", false, "product LAMP-DESK-LED has no upload img_000000000000000000000000")]
    [InlineData(Sku, "img_000000000000000000000000", true, "product LAMP-DESK-LED has no upload img_000000000000000000000000")]
    [InlineData("NOPE-404", "img_000000000000000000000000", false, "product NOPE-404 has no upload img_000000000000000000000000")]
    public async Task VariantsOfAnUploadNobodyMadeAreDroppedWithTheReason(string sku, string uploadId, bool productHasAnotherImage, string reason)
    {
        await using var host = await ProductServiceHost.StartAsync();
        if (productHasAnotherImage)
        {
            await UploadAsync(host, Sku, TestImages.Halves(300, 200, SKEncodedImageFormat.Png));
        }

        var processed = new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, uploadId, sku, [new(640, 480, $"processed/640/{sku}/{uploadId}.jpg")]);

        await new EventPublisher(host.Fabric.ClientFor(AppIds.ImageProcessor)).PublishAsync(processed);
        await host.Fabric.WaitForQuietAsync();

        var delivery = Assert.Single(host.Fabric.PubSub.Deliveries, d => d.Topic == ImageProcessed.Topic);
        Assert.Equal(DeliveryOutcome.Drop, delivery.Outcome);
        var note = host.Fabric.PubSub.PublishedTo(Topics.DeadLetters).Select(m => m.Data?["reason"]?.GetValue<string>()).OfType<string>().Single();
        Assert.Equal(reason, note);
    }

    [Fact]
    public async Task AnotherFileIsAnotherImageBesideTheFirstAndItsVariantsLeaveTheFirstProcessing()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var firstFile = TestImages.Halves(300, 200, SKEncodedImageFormat.Png);
        var first = await UploadAsync(host, Sku, firstFile);
        var second = await UploadAsync(host, Sku, TestImages.Halves(200, 300, SKEncodedImageFormat.Png));
        await UploadAsync(host, Sku, firstFile);

        ImageVariant[] variants = [new(200, 300, $"processed/640/{Sku}/{second.UploadId}.jpg")];
        await host.DeliverAsync(new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, second.UploadId, Sku, variants), AppIds.ImageProcessor);

        var images = (await ProductAsync(host)).Images!;
        Assert.Equal(
            [(first.UploadId, ProductImageStatus.Processing, 0), (second.UploadId, ProductImageStatus.Ready, 1)],
            images.Select(i => (i.UploadId, i.Status, i.Variants.Count)));
    }

    [Fact]
    public async Task VariantsThatCannotBeRecordedWhileTheProductKeepsChangingAreRetriedAndTheOperatorIsToldWhy()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var image = await UploadAsync(host, Sku, TestImages.Halves(300, 200, SKEncodedImageFormat.Png));
        var processed = new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, image.UploadId, Sku, [new(300, 200, $"processed/640/{Sku}/{image.UploadId}.jpg")]);

        string status;
        using (host.Fabric.StateStore(DaprComponents.ProductStore).Contend($"product:{Sku}"))
        {
            status = await host.DeliverAsync(processed, AppIds.ImageProcessor);
        }

        Assert.Equal("RETRY", status);
        Assert.Contains(host.Logs.Lines, l => l.Contains($"product {Sku} kept changing while recording upload {image.UploadId}", StringComparison.Ordinal));
        Assert.Equal(ProductImageStatus.Processing, Assert.Single((await ProductAsync(host)).Images!).Status);
    }

    [Fact]
    public async Task AVariantIsServedAsAJpegToKeepForGoodAndRevalidatingItEvenWithAWeakTagIs304WithoutReadingTheStorage()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var (image, bytes) = await ReadyAsync(host, 640);
        var url = $"products/{Sku}/images/{image.UploadId}/640";

        using var served = await host.Client.GetAsync(url);
        var readsBefore = host.Fabric.Bindings.Calls.Count(c => c.Operation == "get");
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        using var unchanged = await host.Client.SendAsync(revalidate);
        // A proxy that compresses what it passes on (nginx, for one) hands clients the tag back as weak; it names the same bytes.
        using var revalidateWeakly = new HttpRequestMessage(HttpMethod.Get, url);
        revalidateWeakly.Headers.IfNoneMatch.Add(new(served.Headers.ETag!.Tag, isWeak: true));
        using var unchangedWeakly = await host.Client.SendAsync(revalidateWeakly);
        var readsAfter = host.Fabric.Bindings.Calls.Count(c => c.Operation == "get");
        using var otherTag = new HttpRequestMessage(HttpMethod.Get, url);
        otherTag.Headers.IfNoneMatch.Add(new($"\"{image.UploadId}-1280\""));
        using var otherAnswer = await host.Client.SendAsync(otherTag);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{image.UploadId}-640\"", served.Headers.ETag?.Tag);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(served.Headers.ETag, unchanged.Headers.ETag);
        Assert.Equal("public, max-age=31536000, immutable", unchanged.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, unchangedWeakly.StatusCode);
        Assert.Equal(readsBefore, readsAfter);

        Assert.Equal(HttpStatusCode.OK, otherAnswer.StatusCode);
        Assert.Equal(bytes, await otherAnswer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AVariantNobodyMadeIs404NamingItAndOneNoLongerStoredIs404SayingSo()
    {
        await using var host = await ProductServiceHost.StartAsync();
        var (image, _) = await ReadyAsync(host, 640);
        var lost = await UploadAsync(host, Sku, TestImages.Halves(200, 300, SKEncodedImageFormat.Png));
        await host.DeliverAsync(
            new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, lost.UploadId, Sku, [new(640, 960, $"processed/640/{Sku}/{lost.UploadId}.jpg")]),
            AppIds.ImageProcessor);

        using var otherWidth = await host.Client.GetAsync($"products/{Sku}/images/{image.UploadId}/800");
        using var otherUpload = await host.Client.GetAsync($"products/{Sku}/images/img_000000000000000000000000/640");
        using var otherProduct = await host.Client.GetAsync($"products/STICKER-PACK/images/{image.UploadId}/640");
        using var notStored = await host.Client.GetAsync($"products/{Sku}/images/{lost.UploadId}/640");

        Assert.Equal(
            [
                $"Product {Sku} has no image {image.UploadId} 800 pixels wide.",
                $"Product {Sku} has no image img_000000000000000000000000 640 pixels wide.",
                $"Product STICKER-PACK has no image {image.UploadId} 640 pixels wide.",
                $"The image {lost.UploadId} 640 pixels wide is recorded but no longer stored.",
            ],
            await Task.WhenAll(new[] { otherWidth, otherUpload, otherProduct, notStored }.Select(async r =>
            {
                Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
                return (await r.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail;
            })));
    }

    /// <summary>An upload whose one variant, <paramref name="width"/> pixels wide, image-processor has stored and announced.</summary>
    private static async Task<(ProductImage Image, byte[] Variant)> ReadyAsync(ProductServiceHost host, int width)
    {
        var image = await UploadAsync(host, Sku, TestImages.Halves(300, 200, SKEncodedImageFormat.Png));
        var key = $"processed/{width}/{Sku}/{image.UploadId}.jpg";
        var variant = TestImages.Jpeg(width, width * 2 / 3);
        await new ObjectStore(host.Fabric.ClientFor(AppIds.ImageProcessor), DaprComponents.Images).PutAsync(key, variant, "image/jpeg", CancellationToken.None);
        await host.DeliverAsync(new ImageProcessed(Guid.NewGuid(), DateTimeOffset.UtcNow, image.UploadId, Sku, [new(width, width * 2 / 3, key)]), AppIds.ImageProcessor);
        return (image, variant);
    }

    private static async Task<ProductImage> UploadAsync(ProductServiceHost host, string sku, byte[] file)
    {
        using var response = await host.Client.PostAsync($"products/{sku}/images", Body(file));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductImage>(JsonDefaults.Options))!;
    }

    private static async Task<Product> ProductAsync(ProductServiceHost host) =>
        (await host.Client.GetFromJsonAsync<Product>($"products/{Sku}", JsonDefaults.Options))!;

    private static HttpContent Body(byte[] bytes, string contentType = "image/png", bool declareLength = true)
    {
        HttpContent content = declareLength ? new ByteArrayContent(bytes) : new UndeclaredLengthContent(bytes);
        content.Headers.ContentType = new(contentType);
        return content;
    }

    /// <summary>A body sent without Content-Length (chunked), as a client streaming a file does.</summary>
    private sealed class UndeclaredLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
