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

        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole);
        await SiteUnderTest.OpenOperationsAsync(page, "Dead letters");

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

        // One page holds every dead letter here: the older page is empty and leads back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Expect(page.GetByText("No older dead letters.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = messageId })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Newer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = messageId })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheBreakerOpensWhenTheSimulatorFailsAndClosesOnceItIsBack()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole);
        await SiteUnderTest.OpenOperationsAsync(page, "Payment provider");
        var circuit = page.GetByTestId("circuit");
        var knobs = page.GetByTestId("knobs");
        await Expect(circuit).ToHaveTextAsync("Closed");
        await Expect(knobs).ToHaveTextAsync("The simulator answers every request; every answer takes 0 ms.");

        await page.GetByLabel("Failure rate (%)").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByTestId("applied")).ToBeVisibleAsync();
        await Expect(knobs).ToHaveTextAsync("The simulator fails 100 % of requests with 503; every answer takes 0 ms.");

        // payment-service's breaker opens at 5 calls within 30 s of which half failed (PaymentProvider options). Each order's
        // workflow charges at 0, 5 and 15 s (then 35 s: OrderWorkflowPolicies.Payment), so two orders make six failed
        // charges in 30 s; the breaker opens at the fifth.
        using var customer = site.System.Gateway(site.System.Fabric.Tokens.For("ada", UserClaims.CustomerRole));
        await PlaceOrderAsync(customer, "ada");
        await PlaceOrderAsync(customer, "ada");
        await site.System.PassTimeAsync(TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync();
        await Expect(circuit).ToHaveTextAsync("Open");
        await Expect(page.GetByTestId("circuit-meaning")).ToContainTextAsync("refuses charges without calling the provider");
        await SiteUnderTest.ScreenshotAsync(page, "provider-breaker");

        await page.GetByLabel("Failure rate (%)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(knobs).ToHaveTextAsync("The simulator answers every request; every answer takes 0 ms.");

        // Past the break duration (30 s after it opened at 15 s) the breaker lets one call through as its probe. The first
        // to come is the failed orders' compensation: their charges went unanswered, so payment-service asks the provider
        // again what they took before giving it back (docs/decisions.md), its fifth try at 50 s. The provider answers, and
        // the breaker closes.
        await site.System.PassTimeAsync(TimeSpan.FromSeconds(31));
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync();
        await Expect(circuit).ToHaveTextAsync("Closed");
        await Expect(page.GetByTestId("circuit-meaning")).ToHaveTextAsync("Charges go through to the provider.");

        // ...and a customer's next order is charged, the breaker staying closed.
        await PlaceOrderAsync(customer, "ada");
        await site.System.Fabric.WaitForQuietAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh" }).ClickAsync();
        await Expect(circuit).ToHaveTextAsync("Closed");
    }

    [Fact]
    public async Task AnAdminSeesTheCanarySplitAsConfiguredAndAsServed()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole);
        using var admin = site.System.Gateway(site.System.Fabric.Tokens.Admin());
        var before = (await admin.GetFromJsonAsync<CanarySplit[]>("/api/admin/canary", JsonDefaults.Options))!.Single();

        // Three requests that ask for the candidate and two that ask for the stable version, as anyone could.
        foreach (var (asked, times) in new[] { ("true", 3), ("false", 2) })
        {
            using var anonymous = site.System.Gateway();
            anonymous.DefaultRequestHeaders.Add("x-canary", asked);
            for (var i = 0; i < times; i++)
            {
                using var product = await anonymous.GetAsync("/api/products/LAMP-DESK-LED");
                Assert.Equal(HttpStatusCode.OK, product.StatusCode);
            }
        }

        await page.GotoAsync("/ops");
        await page.GetByRole(AriaRole.Link, new() { Name = "Canary" }).ClickAsync();
        var row = page.GetByTestId("canary-product-service");
        await Expect(row).ToContainTextAsync("product-service-v2");
        await Expect(row.GetByTestId("configured")).ToHaveTextAsync("20 % of callers");
        await Expect(row.GetByTestId("served-candidate")).ToHaveTextAsync($"{before.ServedCandidate + 3}");
        await Expect(row.GetByTestId("served-stable")).ToHaveTextAsync($"{before.ServedStable + 2}");
        await SiteUnderTest.ScreenshotAsync(page, "canary");
    }

    [Fact]
    public async Task WhereTheSiteHasNoSimulatorToReachThePageShowsTheBreakerOnly()
    {
        await using var site = await SiteUnderTest.StartAsync(simulatorKnobs: false);
        var page = await site.SignedInPageAsync("ops", UserClaims.AdminRole, phone: true);
        await page.GotoAsync("/ops/provider");

        await Expect(page.GetByTestId("circuit")).ToHaveTextAsync("Closed");
        await Expect(page.GetByTestId("knobs-local-only")).ToContainTextAsync("turned from a local run only");
        await Expect(page.GetByLabel("Failure rate (%)")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ACustomerIsShownTheApisRefusalAndNoKnobs()
    {
        await using var site = await SiteUnderTest.StartAsync();
        var page = await site.SignedInPageAsync("ada", UserClaims.CustomerRole);
        await page.GotoAsync("/ops/provider");

        await Expect(page.GetByTestId("problem")).ToContainTextAsync("This needs another account's rights");
        await Expect(page.GetByTestId("circuit")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Failure rate (%)")).ToHaveCountAsync(0);
    }

    /// <summary>A customer's order of one desk lamp with the test Visa card, through the public API (POST /api/orders).</summary>
    private static async Task PlaceOrderAsync(HttpClient customer, string customerId)
    {
        using var response = await customer.PostAsJsonAsync("/api/orders", OrderRequests.For(customerId, "tok_visa", ("LAMP-DESK-LED", 1)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
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
