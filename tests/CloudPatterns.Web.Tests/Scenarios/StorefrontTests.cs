namespace CloudPatterns.Web.Tests.Scenarios;

/// <summary>A customer in chromium, against the whole system on the fabric, through the gateway.</summary>
public sealed class StorefrontTests
{
    [Fact]
    public async Task ACustomerBuysALampAndWatchesItShip()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ada", UserClaims.CustomerRole);

        await page.GotoAsync("/?category=home");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "LED desk lamp" })).ToBeVisibleAsync();
        await SiteUnderTest.ScreenshotAsync(page, "catalog");
        await page.GetByRole(AriaRole.Link, new() { Name = "LED desk lamp" }).ClickAsync();
        await Expect(page.GetByTestId("stock")).ToHaveTextAsync("12 in stock");
        await SiteUnderTest.ScreenshotAsync(page, "product");

        await page.GetByLabel("Quantity").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cart" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "LED desk lamp" })).ToContainTextAsync("118.00 USD");
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();
        await page.GetByLabel("Card").SelectOptionAsync("tok_visa");
        await SiteUnderTest.ScreenshotAsync(page, "checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        // The order page follows the workflow by itself (live.js): no reload between placing and shipping.
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Shipped");
        foreach (var step in new[] { "validate", "reserve", "pay", "confirm", "ship" })
        {
            await Expect(page.Locator($"[data-step={step}]")).ToHaveAttributeAsync("data-state", "done");
        }

        await SiteUnderTest.ScreenshotAsync(page, "order-shipped");
        var orderId = new Uri(page.Url).Segments.Last();
        await page.GetByRole(AriaRole.Link, new() { Name = "All my orders" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = orderId })).ToContainTextAsync("Shipped");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cart 0 items" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AProductPageShowsTheUploadedPhotoInTheWidthsImageProcessorMade()
    {
        await using var site = await SiteUnderTest.StartAsync();
        using (var admin = site.System.Gateway(site.System.Fabric.Tokens.Admin()))
        {
            using var upload = await admin.PostAsync("/api/products/LAMP-DESK-LED/images", new ByteArrayContent(TestPhotos.Png(1600, 1200)));
            upload.EnsureSuccessStatusCode();
        }

        await site.System.Fabric.WaitForQuietAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/products/LAMP-DESK-LED");

        // image-processor never enlarges: a 1600-pixel photo comes out 640, 1280 and 1600 wide.
        var image = page.GetByTestId("product-image");
        await Expect(image).ToHaveAttributeAsync("srcset", new Regex(@"/640 640w, .*/1280 1280w, .*/1600 1600w$"));
        await Expect(image).ToHaveAttributeAsync("alt", "LED desk lamp");
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.InRange(await image.EvaluateAsync<int>("img => img.naturalWidth"), 640, 1600);
        await SiteUnderTest.ScreenshotAsync(page, "product-photo");
    }

    [Fact]
    public async Task AnOrderForMoreThanIsInStockShowsWhyItWasRejected()
    {
        await using var site = await SiteUnderTest.StartAsync();
        using (var admin = site.System.Gateway(site.System.Fabric.Tokens.Admin()))
        {
            using var stock = await admin.PutAsJsonAsync("/api/products/POSTER-LIMITED/stock", new { onHand = 2 });
            stock.EnsureSuccessStatusCode();
        }

        var page = await site.SignedInPageAsync("grace", UserClaims.CustomerRole, phone: true);
        await page.GotoAsync("/products/POSTER-LIMITED");
        await Expect(page.GetByTestId("stock")).ToHaveTextAsync("2 in stock");
        await page.GetByLabel("Quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.GotoAsync("/checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Rejected");
        await Expect(page.GetByTestId("order-reason")).ToContainTextAsync("out-of-stock");
        await Expect(page.GetByTestId("order-reason")).ToContainTextAsync("POSTER-LIMITED");
        await Expect(page.Locator("[data-step=validate]")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("[data-step=reserve]")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.Locator("[data-step=pay]")).ToHaveAttributeAsync("data-state", "skipped");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        await SiteUnderTest.ScreenshotAsync(page, "order-out-of-stock-phone");
    }
}
