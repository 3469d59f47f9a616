using System.Text;
using CloudPatterns.Security;
using CloudPatterns.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CloudPatterns.Web.Tests.Scenarios;

/// <summary>An admin in chromium, in the operations console, against the whole system on the fabric, through the gateway.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task AnAdminSeesWhyAMessageWasDeadLetteredAndReplaysIt()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var messageId = $"web-poison-{Guid.NewGuid():N}"[..20];
        await PublishPoisonAsync(site, messageId);

        var page = await site.NewPageAsync();
        await SiteUnderTest.SignInAsync(page, "ops", UserClaims.AdminRole);
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dead letters" }).ClickAsync();

        var letter = page.GetByRole(AriaRole.Row, new() { Name = messageId });
        await Expect(letter).ToContainTextAsync("orders.submitted");
        await Expect(letter.GetByTestId("reason")).ToContainTextAsync("malformed OrderSubmitted");
        await Expect(letter).ToContainTextAsync("order-service");
        await Expect(letter.GetByTestId("attempts")).ToHaveTextAsync("1");
        await Expect(letter.GetByTestId("replays")).ToHaveTextAsync("0");

        await letter.GetByRole(AriaRole.Button, new() { Name = $"Replay {messageId}" }).ClickAsync();
        await Expect(page.GetByTestId("replayed")).ToHaveTextAsync($"Replayed {messageId} to orders.submitted (replays: 1).");

        // Still malformed, so order-service drops it again: once the replay is delivered, the letter is back, seen twice.
        await site.System.Fabric.WaitForQuietAsync();
        await page.GotoAsync("/ops/dead-letters");
        letter = page.GetByRole(AriaRole.Row, new() { Name = messageId });
        await Expect(letter.GetByTestId("attempts")).ToHaveTextAsync("2");
        await Expect(letter.GetByTestId("replays")).ToHaveTextAsync("1");
        await Expect(letter.GetByTestId("reason")).ToContainTextAsync("malformed OrderSubmitted");
        await SiteUnderTest.ScreenshotAsync(page, "dead-letters");
    }

    /// <summary>
    /// An OrderSubmitted whose lines are not a list, published through order-service's sidecar as
    /// `curl -X POST localhost:3602/v1.0/publish/pubsub/orders.submitted` would: order-service drops it, and it ends in
    /// the dead letters. Returns once the fabric is quiet, so the letter and its reason are there.
    /// </summary>
    private static async Task PublishPoisonAsync(SiteUnderTest site, string messageId)
    {
        using var sidecar = site.System.Sidecar("order-service");
        using var poison = new StringContent($$"""{"orderId":"o-broken-{{messageId}}","lines":"not a list"}""", Encoding.UTF8, "application/json");
        using var published = await sidecar.PostAsync(
            $"/v1.0/publish/pubsub/orders.submitted?metadata.cloudevent.id={messageId}&metadata.cloudevent.type=cloudpatterns.orders.submitted.v1", poison);
        published.EnsureSuccessStatusCode();
        await site.System.Fabric.WaitForQuietAsync();
    }
}
