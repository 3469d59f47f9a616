namespace CloudPatterns.Web.Tests.Scenarios;

/// <summary>An admin in chromium editing the catalog, against the whole system on the fabric, through the gateway.</summary>
public sealed class CatalogTests
{
    private const string Sku = "LAMP-DESK-LED";

    [Fact]
    public async Task AnAdminWhoseProductWasChangedMeanwhileSeesTheOtherChangeAndSavesAgain()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole);
        await SiteUnderTest.OpenOperationsAsync(page, "Catalog products");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Edit {Sku}" }).ClickAsync();
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("LED desk lamp");
        await Expect(page.GetByLabel("Price")).ToHaveValueAsync("59.00");

        await page.GetByLabel("Name").FillAsync("LED desk lamp, warm white");

        // Meanwhile another admin, through the API, reprices it.
        using var otherAdmin = site.System.Gateway(site.System.Fabric.Tokens.For("ops-colleague", UserClaims.AdminRole));
        await RepriceAsync(otherAdmin, 64.50m);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        var conflict = page.GetByTestId("conflict");
        await Expect(conflict).ToContainTextAsync("someone else changed this product after you opened it");
        var price = conflict.GetByRole(AriaRole.Row, new() { Name = "Price" });
        await Expect(price).ToContainTextAsync("64.50");
        await Expect(price).ToContainTextAsync("their value");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("LED desk lamp, warm white");
        await Expect(page.GetByLabel("Price")).ToHaveValueAsync("64.50");
        await SiteUnderTest.ScreenshotAsync(page, "catalog-conflict");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToHaveTextAsync("Saved.");
        await Expect(page.GetByTestId("conflict")).ToHaveCountAsync(0);

        // Both changes are kept: the shop shows them.
        await page.GotoAsync($"/products/{Sku}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "LED desk lamp, warm white" })).ToBeVisibleAsync();
        await Expect(page.Locator(".product .big")).ToHaveTextAsync("64.50 USD");
    }

    [Fact]
    public async Task AnAdminSetsTheStockAndIsToldWhatIsWrongWithBadInput()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole, phone: true);
        await page.GotoAsync($"/ops/catalog/{Sku}");
        await Expect(page.GetByTestId("stock-level")).ToHaveTextAsync("12 on hand, 0 reserved for orders, 12 available.");

        await page.GetByLabel("Price").FillAsync("12,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.Locator("#amount-error")).ToContainTextAsync("with a dot before the cents");
        await Expect(page.GetByTestId("saved")).ToHaveCountAsync(0);

        await page.GetByLabel("Units on hand").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save stock" }).ClickAsync();
        await Expect(page.GetByTestId("stock-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stock-level")).ToHaveTextAsync("40 on hand, 0 reserved for orders, 40 available.");
    }

    [Fact]
    public async Task AnAdminUploadsAnImageAndSeesItsVariantsOnceProcessed()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole);
        await page.GotoAsync($"/ops/catalog/{Sku}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Images of {Sku}" }).ClickAsync();
        await Expect(page.GetByText("No images yet.")).ToBeVisibleAsync();

        // Sent without a file (as a browser that ignores `required` would): the page says so next to the field.
        await page.Locator("form[enctype]").EvaluateAsync("form => form.submit()");
        await Expect(page.Locator("#image-error")).ToHaveTextAsync("Choose an image file (JPEG, PNG or WebP).");

        var photo = Path.Combine(Path.GetTempPath(), $"lamp-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestPhotos.Png(1600, 1000));
        try
        {
            await page.GetByLabel("Image file").SetInputFilesAsync(photo);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        }
        finally
        {
            File.Delete(photo);
        }

        await Expect(page.GetByTestId("uploaded")).ToContainTextAsync("(1600 × 1000)");
        var image = page.GetByTestId("image");
        await Expect(image).ToHaveCountAsync(1);
        await Expect(image.GetByTestId("image-status")).ToHaveTextAsync("Processing");

        await site.System.Fabric.WaitForQuietAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).First.ClickAsync();
        await Expect(image.GetByTestId("image-status")).ToHaveTextAsync("Ready");
        await Expect(image.GetByTestId("image-widths")).ToHaveTextAsync("Variants: 640 px, 1280 px, 1600 px");
        var picture = image.GetByRole(AriaRole.Img);
        await Expect(picture).ToHaveAttributeAsync("srcset", new Regex("/640 640w, .*/1280 1280w, .*/1600 1600w$"));
        Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the variant did not load");
        await SiteUnderTest.ScreenshotAsync(page, "image-upload");
    }

    /// <summary>GET /api/products/{sku} for its ETag, then PUT it back with another price and that ETag in If-Match.</summary>
    private static async Task RepriceAsync(HttpClient admin, decimal amount)
    {
        using var read = await admin.GetAsync($"/api/products/{Sku}");
        read.EnsureSuccessStatusCode();
        var product = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        product["price"]!["amount"] = amount;
        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/products/{Sku}") { Content = JsonContent.Create(product) };
        update.Headers.IfMatch.Add(read.Headers.ETag!);
        using var updated = await admin.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }
}
