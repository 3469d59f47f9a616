namespace CloudPatterns.ImageProcessor.Tests;

/// <summary>product-service and image-processor on one fabric: an upload becomes variants on the product.</summary>
public sealed class ImageFlowTests
{
    [Fact]
    public async Task AnUploadedImageEndsAsThreeVariantsOnTheProduct()
    {
        await using var shop = await ImageShop.StartAsync();

        using var response = await shop.UploadAsync(TestImages.Halves(2400, 1600, SKEncodedImageFormat.Png));
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var image = Assert.Single((await shop.ProductAsync()).Images!);
        Assert.Equal(ProductImageStatus.Ready, image.Status);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(2400, image.Width);
        Assert.Equal(1600, image.Height);
        Assert.Equal([(640, 427), (1280, 853), (1920, 1280)], image.Variants.Select(v => (v.Width, v.Height)));
        foreach (var variant in image.Variants)
        {
            // The PNG's variants are JPEGs, stored as such: object storage serves them with that content type.
            Assert.Equal($"processed/{variant.Width}/{ImageShop.Sku}/{image.UploadId}.jpg", variant.Key);
            using var stored = SKBitmap.Decode(shop.Files[variant.Key]);
            Assert.Equal(variant.Width, stored.Width);
            Assert.Equal(variant.Height, stored.Height);
            var write = Assert.Single(shop.Fabric.Bindings.Calls, c => c.Operation == "create" && c.Metadata["fileName"] == variant.Key);
            Assert.Equal("image/jpeg", write.Metadata["contentType"]);
        }

        Assert.Single(shop.Fabric.PubSub.PublishedTo(ImageProcessed.Topic));
        Assert.Contains(shop.Logs.Lines, l => l.Contains($"Upload {image.UploadId} resized into 3 variants", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUploadEventDeliveredAgainAfterItsImageIsReadyDoesNoWorkAndAnnouncesTheSameResult()
    {
        await using var shop = await ImageShop.StartAsync();
        using var response = await shop.UploadAsync(TestImages.Jpeg(1600, 1200));
        await shop.Fabric.WaitForQuietAsync();
        var uploaded = Assert.Single(shop.Fabric.PubSub.PublishedTo(ImageUploaded.Topic)).DataAs<ImageUploaded>();
        var callsBefore = shop.Fabric.Bindings.Calls.Count;

        // The broker hands the finished upload's event out again (a redelivery after a lost acknowledgement).
        await new EventPublisher(shop.Fabric.ClientFor(AppIds.ProductService)).PublishAsync(uploaded);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(callsBefore, shop.Fabric.Bindings.Calls.Count);
        var announced = shop.Fabric.PubSub.PublishedTo(ImageProcessed.Topic).Select(m => m.DataAs<ImageProcessed>()).ToList();
        Assert.Equal(2, announced.Count);
        Assert.Equal(announced[0].EventId, announced[1].EventId);
        Assert.Equal(DeliveryOutcome.Success, shop.Fabric.PubSub.Deliveries.Last(d => d.Topic == ImageUploaded.Topic).Outcome);
        Assert.Equal(ProductImageStatus.Ready, Assert.Single((await shop.ProductAsync()).Images!).Status);
    }

    /// <summary>
    /// product-service never heard that the image was ready (product-store was down for every redelivery, so the
    /// announcement was dead-lettered there), and the image stays Processing. Uploading the same file again is the repair:
    /// image-processor, finding its receipt, does no work and announces the result again.
    /// </summary>
    [Fact]
    public async Task AnImageWhoseReadinessWasNeverHeardBecomesReadyWhenTheSameFileIsUploadedAgain()
    {
        await using var shop = await ImageShop.StartAsync();
        var file = TestImages.Jpeg(1600, 1200);
        var productStore = shop.Fabric.StateStore("product-store");
        using (shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService))
        {
            using var first = await shop.UploadAsync(file);
            await shop.Fabric.WaitForQuietAsync();
            productStore.Unavailable = true;
        }

        await shop.Fabric.WaitForQuietAsync();
        productStore.Unavailable = false;
        var whileUnheard = Assert.Single((await shop.ProductAsync()).Images!).Status;
        var resizesBefore = shop.Fabric.Bindings.Calls.Count;

        using var again = await shop.UploadAsync(file);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(ImageProcessed.Topic, Assert.Single(shop.Fabric.PubSub.DeadLettered).Topic);
        Assert.Equal(ProductImageStatus.Processing, whileUnheard);
        Assert.Equal(ProductImageStatus.Ready, Assert.Single((await shop.ProductAsync()).Images!).Status);
        Assert.DoesNotContain(shop.Fabric.Bindings.Calls.Skip(resizesBefore), c => c.AppId == AppIds.ImageProcessor && c.Operation == "create");
    }

    [Fact]
    public async Task UploadingTheSameFileAgainIsTheSameUploadAndPublishesNothingNew()
    {
        await using var shop = await ImageShop.StartAsync();
        var file = TestImages.Jpeg(1600, 1200);

        using var first = await shop.UploadAsync(file);
        await shop.Fabric.WaitForQuietAsync();
        using var again = await shop.UploadAsync(file);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Single((await shop.ProductAsync()).Images!);
        Assert.Single(shop.Fabric.PubSub.PublishedTo(ImageUploaded.Topic));
        Assert.Single(shop.Fabric.PubSub.PublishedTo(ImageProcessed.Topic));
    }

    [Fact]
    public async Task ARedeliveredUploadEventOverwritesTheSameKeysAndPublishesOneEventId()
    {
        await using var shop = await ImageShop.StartAsync(fabric => fabric.PubSub.Options.DuplicateDelivery = true);

        using var response = await shop.UploadAsync(TestImages.Jpeg(2000, 1000));
        await shop.Fabric.WaitForQuietAsync();

        Assert.Single(shop.Fabric.PubSub.PublishedTo(ImageProcessed.Topic).Select(m => m.DataAs<ImageProcessed>().EventId).Distinct());
        Assert.Equal(3, shop.Files.Keys.Count(k => k.StartsWith("processed/", StringComparison.Ordinal)));
        Assert.Equal(ProductImageStatus.Ready, Assert.Single((await shop.ProductAsync()).Images!).Status);
    }

    [Theory, MemberData(nameof(TestImages.Unacceptable), MemberType = typeof(TestImages))]
    public async Task ProductServiceRefusesWhatIsNotAnAcceptableImageBeforeStoringAnything(string reason, byte[] file)
    {
        await using var shop = await ImageShop.StartAsync();

        using var response = await shop.UploadAsync(file);

        var problem = await ValidationProblems.ReadAsync(response);
        Assert.Equal([reason], problem.Errors["image"]);
        Assert.Empty(shop.Files);
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(ImageUploaded.Topic));
    }

    [Fact]
    public async Task AnUploadOverTheLimitIs413AndAnUnknownProduct404()
    {
        await using var shop = await ImageShop.StartAsync(maxUploadBytes: "1024");

        using var tooLarge = await shop.UploadAsync(TestImages.Jpeg(800, 600));
        using var unknown = await shop.Products.PostAsync("products/NOPE/images", new ByteArrayContent(TestImages.Jpeg(10, 10)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ACorruptOriginalThatSlippedThroughIsDroppedWithTheReasonAndNothingIsWritten()
    {
        await using var shop = await ImageShop.StartAsync();
        var truncated = TestImages.Jpeg(1600, 1200)[..3000];
        await new ObjectStore(shop.Fabric.ClientFor(AppIds.ProductService), "images").PutAsync("originals/X/img_bad.jpg", truncated, "image/jpeg", default);
        var uploaded = new ImageUploaded(Guid.NewGuid(), DateTimeOffset.UtcNow, "img_bad", ImageShop.Sku, "originals/X/img_bad.jpg", "image/jpeg");

        await new EventPublisher(shop.Fabric.ClientFor(AppIds.ProductService)).PublishAsync(uploaded);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Single(shop.Fabric.PubSub.DeadLettered, m => m.Topic == ImageUploaded.Topic);
        var note = shop.Fabric.PubSub.PublishedTo(Topics.DeadLetters).Select(m => m.Data?["reason"]?.GetValue<string>()).OfType<string>().Single();
        Assert.Equal("upload img_bad: the image is truncated", note);
        Assert.Contains(shop.Logs.Lines, l => l.Contains("Upload img_bad refused: the image is truncated", StringComparison.Ordinal));
        Assert.DoesNotContain(shop.Files.Keys, k => k.StartsWith("processed/", StringComparison.Ordinal));
        Assert.Empty(shop.Fabric.PubSub.PublishedTo(ImageProcessed.Topic));
    }

    [Fact]
    public async Task AnOriginalOfSeveralMegabytesPassesEverySidecarOnItsWayAndIsResized()
    {
        await using var shop = await ImageShop.StartAsync();
        var original = TestImages.Noise(1300, 1300);
        Assert.InRange(original.Length, (4 * 1024 * 1024) + 1, 10 * 1000 * 1000);

        // As the gateway forwards it: through its sidecar and product-service's, then to the images binding and back.
        using var response = await shop.UploadThroughTheGatewaysSidecarAsync(original);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var image = Assert.Single((await shop.ProductAsync()).Images!);
        Assert.Equal(ProductImageStatus.Ready, image.Status);
        Assert.Equal([640, 1280, 1300], image.Variants.Select(v => v.Width));
    }

    [Fact]
    public async Task WithDaprdsDefaultBodyLimitTheSameUploadWouldNotPassTheGatewaysSidecar()
    {
        await using var shop = await ImageShop.StartAsync(fabric => fabric.Sidecars.SetMaxBodyBytes(AppIds.Gateway, 4 * 1024 * 1024));

        using var response = await shop.UploadThroughTheGatewaysSidecarAsync(TestImages.Noise(1300, 1300));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(shop.Files);
    }

    [Fact]
    public async Task WithGrpcsDefaultReceiveLimitImageProcessorCouldNotReadTheOriginal()
    {
        await using var shop = await ImageShop.StartAsync(processorMaxMessageBytes: $"{4 * 1024 * 1024}");

        using var response = await shop.UploadAsync(TestImages.Noise(1300, 1300));
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(shop.Fabric.PubSub.DeadLettered, m => m.Topic == ImageUploaded.Topic);
        Assert.Equal(ProductImageStatus.Processing, Assert.Single((await shop.ProductAsync()).Images!).Status);
    }

    [Fact]
    public async Task AnUploadEventWhoseOriginalDoesNotExistIsDroppedAtOnceWithTheReason()
    {
        await using var shop = await ImageShop.StartAsync();
        var uploaded = new ImageUploaded(Guid.NewGuid(), DateTimeOffset.UtcNow, "img_gone", ImageShop.Sku, "originals/X/img_gone.jpg", "image/jpeg");

        await new EventPublisher(shop.Fabric.ClientFor(AppIds.ProductService)).PublishAsync(uploaded);
        await shop.Fabric.WaitForQuietAsync();

        var delivery = Assert.Single(shop.Fabric.PubSub.Deliveries, d => d.Topic == ImageUploaded.Topic);
        Assert.Equal(DeliveryOutcome.Drop, delivery.Outcome);
        var note = shop.Fabric.PubSub.PublishedTo(Topics.DeadLetters).Select(m => m.Data?["reason"]?.GetValue<string>()).OfType<string>().Single();
        Assert.Equal("upload img_gone: the original originals/X/img_gone.jpg does not exist", note);
        Assert.Contains(shop.Logs.Lines, l => l.Contains("Upload img_gone refused: images has no object originals/X/img_gone.jpg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessingAnUploadTwiceReadsNoObjectThatDoesNotExist()
    {
        await using var shop = await ImageShop.StartAsync(fabric => fabric.PubSub.Options.DuplicateDelivery = true);

        using var response = await shop.UploadAsync(TestImages.Jpeg(1600, 1200));
        await shop.Fabric.WaitForQuietAsync();

        // A binding get of a missing key is an error to the sidecar; receipts live in image-processor-store instead.
        var reads = shop.Fabric.Bindings.Calls.Where(c => c.Operation == "get").Select(c => c.Metadata["fileName"]).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, key => Assert.Contains(key, shop.Files.Keys));
        Assert.DoesNotContain(shop.Files.Keys, k => k.StartsWith("receipts/", StringComparison.Ordinal));
    }

    [Fact]
    public void TheProcessedEventIdIsTheSameForEveryRunOfOneUpload() =>
        Assert.Equal(ResizeOnImageUploaded.EventIdFor("img_1"), ResizeOnImageUploaded.EventIdFor("img_1"));

    /// <summary>The two apps, with the catalog seeded and a client for product-service's API.</summary>
    private sealed class ImageShop : IAsyncDisposable
    {
        /// <summary>The product every upload is for.</summary>
        public const string Sku = "LAMP-DESK-LED";

        private readonly List<IAsyncDisposable> _apps = [];

        public DaprTestFabric Fabric { get; } = new();

        /// <summary>What image-processor logs, at every level.</summary>
        public CapturingLoggerProvider Logs { get; } = new();

        public HttpClient Products { get; private set; } = null!;

        public IReadOnlyDictionary<string, byte[]> Files => Fabric.Bindings.LocalStorage("images").Files;

        public static async Task<ImageShop> StartAsync(
            Action<DaprTestFabric>? arrange = null, string? maxUploadBytes = null, string? processorMaxMessageBytes = null)
        {
            var shop = new ImageShop();
            arrange?.Invoke(shop.Fabric);
            var products = await new DaprAppFactory<ProductServiceApp>(shop.Fabric, AppIds.ProductService, builder =>
            {
                if (maxUploadBytes is not null)
                {
                    builder.UseSetting("Images:MaxUploadBytes", maxUploadBytes);
                }
            }).StartAsync();
            await products.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
            var processor = await new DaprAppFactory<ImageProcessorApp>(shop.Fabric, AppIds.ImageProcessor, builder =>
            {
                builder.ConfigureLogging(CapturingLoggerProvider.CaptureLogs(shop.Logs));
                if (processorMaxMessageBytes is not null)
                {
                    builder.UseSetting("Dapr:MaxMessageBytes", processorMaxMessageBytes);
                }
            }).StartAsync();
            shop._apps.AddRange([processor, products]);
            shop.Products = products.CreateTrustedClient();
            return shop;
        }

        public Task<HttpResponseMessage> UploadAsync(byte[] file) =>
            Products.PostAsync($"products/{Sku}/images", new ByteArrayContent(file));

        /// <summary>The upload as the gateway sends it on: service invocation from the gateway's sidecar, with an admin's token.</summary>
        public async Task<HttpResponseMessage> UploadThroughTheGatewaysSidecarAsync(byte[] file)
        {
            using var gateway = Fabric.ClientFor(AppIds.Gateway).CreateInvokableHttpClient(AppIds.ProductService);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/products/{Sku}/images") { Content = new ByteArrayContent(file) };
            request.Headers.Authorization = new("Bearer", Fabric.Tokens.Admin());
            return await gateway.SendAsync(request);
        }

        public async Task<Product> ProductAsync() => (await Products.GetFromJsonAsync<Product>($"products/{Sku}", JsonDefaults.Options))!;

        public async ValueTask DisposeAsync()
        {
            Products.Dispose();
            foreach (var app in _apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
