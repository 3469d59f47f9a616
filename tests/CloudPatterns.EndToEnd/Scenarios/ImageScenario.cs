using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>The serverless function: an admin uploads a product photo, and the product soon shows it in three widths.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task AnUploadedImageBecomesReadyIn640And1280And1920PixelWidths()
    {
        await using var lease = await StartAsync();
        var system = lease.System;
        using var admin = await AdminAsync(system);
        using var photo = new ByteArrayContent(Photo(2400, 1600));

        using var uploaded = await admin.PostAsync("/api/products/LAMP-DESK-LED/images", photo);
        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        var uploadId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();
        Assert.Equal("/api/products/LAMP-DESK-LED", uploaded.Headers.Location!.OriginalString);

        using var anonymous = system.Gateway();
        var image = await EventuallyAsync(system, $"image {uploadId} of LAMP-DESK-LED to be Ready",
            async () => (await anonymous.GetFromJsonAsync<JsonObject>("/api/products/LAMP-DESK-LED"))!["images"]?.AsArray()
                .SingleOrDefault(i => i!["uploadId"]!.GetValue<string>() == uploadId),
            i => i?["status"]!.GetValue<string>() == "Ready");

        Assert.Equal(2400, image!["width"]!.GetValue<int>());
        var variants = image["variants"]!.AsArray().Select(v => (Width: v!["width"]!.GetValue<int>(), Height: v["height"]!.GetValue<int>())).ToList();
        Assert.Equal([640, 1280, 1920], variants.Select(v => v.Width).Order());
        Assert.All(variants, v => Assert.InRange(v.Height, (v.Width * 2 / 3) - 1, (v.Width * 2 / 3) + 1));
    }

    /// <summary>A PNG photo-sized image, generated (no binary test files in the repository).</summary>
    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.Teal, SKColors.Orange], SKShaderTileMode.Clamp) })
        {
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
