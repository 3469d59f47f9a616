using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudPatterns.Security;
using CloudPatterns.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPatterns.Web.Tests.Scenarios;

/// <summary>An admin in chromium editing the catalog, against the whole system on the fabric, through the gateway.</summary>
public sealed class CatalogTests
{
    private const string Sku = "LAMP-DESK-LED";

    [Fact]
    public async Task AnAdminWhoseProductWasChangedMeanwhileSeesTheOtherChangeAndSavesAgain()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.NewPageAsync();
        await SiteUnderTest.SignInAsync(page, "ops", UserClaims.AdminRole);
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalog products" }).ClickAsync();
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
        var page = await site.NewPageAsync(phone: true);
        await SiteUnderTest.SignInAsync(page, "ops", UserClaims.AdminRole);
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
