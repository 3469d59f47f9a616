namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>The serverless function: an admin uploads a product photo, and the product soon shows it in three widths.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task AnUploadedImageBecomesReadyIn640And1280And1920PixelWidths()
    {
        using var admin = await AdminAsync();
        using var photo = new ByteArrayContent(TestPhotos.Png(2400, 1600));

        using var uploaded = await admin.PostAsync("/api/products/LAMP-DESK-LED/images", photo);
        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();
        Assert.Equal("/api/products/LAMP-DESK-LED", uploaded.Headers.Location!.OriginalString);

        using var anonymous = Shop.Gateway();
        var image = await EventuallyAsync($"image {uploadId} of LAMP-DESK-LED to be Ready",
            async () => (await anonymous.GetFromJsonAsync<JsonObject>("/api/products/LAMP-DESK-LED"))!["images"]?.AsArray()
                .SingleOrDefault(i => i!["uploadId"]!.GetValue<string>() == uploadId),
            i => i?["status"]!.GetValue<string>() == "Ready");

        Assert.Equal(2400, image!["width"]!.GetValue<int>());
        var variants = image["variants"]!.AsArray().Select(v => (Width: v!["width"]!.GetValue<int>(), Height: v["height"]!.GetValue<int>())).ToList();
        Assert.Equal([640, 1280, 1920], variants.Select(v => v.Width).Order());
        Assert.All(variants, v => Assert.InRange(v.Height, (v.Width * 2 / 3) - 1, (v.Width * 2 / 3) + 1));

        // Anyone can fetch each variant through the gateway, as the storefront's srcset does, and keep it for good.
        foreach (var (width, height) in variants)
        {
            using var served = await anonymous.GetAsync($"/api/products/LAMP-DESK-LED/images/{uploadId}/{width}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, decoded.Width);
            Assert.Equal(height, decoded.Height);

            // A browser revalidating the copy it holds is told it is still good, with no body.
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/products/LAMP-DESK-LED/images/{uploadId}/{width}");
            revalidate.Headers.IfNoneMatch.Add(served.Headers.ETag!);
            using var unchanged = await anonymous.SendAsync(revalidate);
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
            Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        }

        using var notMade = await anonymous.GetAsync($"/api/products/LAMP-DESK-LED/images/{uploadId}/800");
        Assert.Equal(HttpStatusCode.NotFound, notMade.StatusCode);
        Assert.Contains("no image", (await notMade.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var otherProduct = await anonymous.GetAsync($"/api/products/STICKER-PACK/images/{uploadId}/640");
        Assert.Equal(HttpStatusCode.NotFound, otherProduct.StatusCode);
    }
}
