using CloudPatterns.Web.Api;

namespace CloudPatterns.Web.Tests.Logic;

/// <summary>What the storefront makes of the API's answers and of its cookie: the order's steps, the cart, its prices.</summary>
public sealed class StorefrontLogicTests
{
    [Theory]
    [InlineData(OrderStatus.Submitted, "waiting waiting waiting waiting waiting")]
    [InlineData(OrderStatus.Validating, "current waiting waiting waiting waiting")]
    [InlineData(OrderStatus.ReservingInventory, "done current waiting waiting waiting")]
    [InlineData(OrderStatus.ProcessingPayment, "done done current waiting waiting")]
    [InlineData(OrderStatus.Confirmed, "done done done done current")]
    [InlineData(OrderStatus.Shipped, "done done done done done")]
    public void AnOrderOnItsWayShowsTheStepsDoneAndTheOneInProgress(OrderStatus status, string states)
    {
        var steps = OrderSteps.Of(Order(status));

        Assert.Equal(new[] { "validate", "reserve", "pay", "confirm", "ship" }, steps.Select(s => s.Key));
        Assert.Equal(states, string.Join(' ', steps.Select(s => s.State.ToString().ToLowerInvariant())));
    }

    [Fact]
    public void AShippedOrderNamesItsCarrierOnTheLastStep()
    {
        var steps = OrderSteps.Of(Order(OrderStatus.Shipped) with { Carrier = "DHL", TrackingNumber = "JD0001" });

        Assert.Equal("DHL JD0001", steps[^1].Note);
        Assert.All(steps.SkipLast(1), s => Assert.Null(s.Note));
    }

    [Theory]
    [InlineData("out-of-stock: POSTER-LIMITED", "done failed skipped skipped skipped")]
    [InlineData("inventory-timeout", "done failed skipped skipped skipped")]
    [InlineData("unknown-product: NOPE", "failed skipped skipped skipped skipped")]
    public void ARejectedOrderFailsAtTheStepItsReasonNames(string reason, string states)
    {
        var steps = OrderSteps.Of(Order(OrderStatus.Rejected) with { StatusReason = reason });

        Assert.Equal(states, string.Join(' ', steps.Select(s => s.State.ToString().ToLowerInvariant())));
        Assert.Equal(reason, steps.Single(s => s.State == StepState.Failed).Note);
    }

    [Fact]
    public void AFailedPaymentShowsTheReservationUndone()
    {
        var steps = OrderSteps.Of(Order(OrderStatus.PaymentFailed) with { StatusReason = "card_declined" });

        Assert.Equal(new[] { StepState.Done, StepState.Compensated, StepState.Failed, StepState.Skipped, StepState.Skipped }, steps.Select(s => s.State));
        Assert.Equal("reserved, then released", steps[1].Note);
        Assert.Equal("card_declined", steps[2].Note);
    }

    [Fact]
    public void ACancelledOrderMarksEveryStepNotTakenAndSaysWhatBecameOfThePayment()
    {
        var steps = OrderSteps.Of(Order(OrderStatus.Cancelled) with { Refund = RefundStatus.PartiallyRefunded });

        Assert.All(steps, s => Assert.Equal(StepState.Cancelled, s.State));
        Assert.Equal("payment partially refunded", steps.Single(s => s.Key == "pay").Note);
        Assert.All(OrderSteps.Of(Order(OrderStatus.Cancelled)), s => Assert.Null(s.Note));
    }

    [Theory]
    [InlineData(OrderStatus.ProcessingPayment, null, true, false)]
    [InlineData(OrderStatus.Confirmed, null, false, false)]
    [InlineData(OrderStatus.Shipped, null, false, true)]
    [InlineData(OrderStatus.Cancelled, RefundStatus.Pending, false, false)]
    [InlineData(OrderStatus.Cancelled, RefundStatus.Refunded, false, true)]
    public void AnOrderMayBeCancelledUntilConfirmedAndIsSettledOnceNothingIsOwed(OrderStatus status, RefundStatus? refund, bool mayCancel, bool settled)
    {
        var order = Order(status) with { Refund = refund };

        Assert.Equal(mayCancel, OrderSteps.MayCancel(order));
        Assert.Equal(settled, OrderSteps.IsSettled(order));
    }

    [Fact]
    public void TheCartAddsUpLinesAndKeepsToItsLimits()
    {
        var cart = Cart.Empty.Add("LAMP-DESK-LED", 2).Add("MUG-CLASSIC-350", 1).Add("LAMP-DESK-LED", 3);

        Assert.Equal(new[] { new CartLine("LAMP-DESK-LED", 5), new CartLine("MUG-CLASSIC-350", 1) }, cart.Lines);
        Assert.Equal(6, cart.Count);
        Assert.Equal(Cart.MaxQuantity, cart.Add("LAMP-DESK-LED", 100).Lines[0].Quantity);
        Assert.Equal(new[] { new CartLine("MUG-CLASSIC-350", 1) }, cart.Set("LAMP-DESK-LED", 0).Lines);
        Assert.Same(cart, cart.Add("<script>", 1));
        var full = Enumerable.Range(0, Cart.MaxLines).Aggregate(Cart.Empty, (c, i) => c.Add($"SKU-{i:00}", 1));
        Assert.Same(full, full.Add("ONE-TOO-MANY", 1));
        Assert.Equal(2, full.Add("SKU-00", 1).Lines[0].Quantity);
    }

    [Fact]
    public void TheCartCookieRoundTripsAndIgnoresWhatItDidNotWrite()
    {
        var written = new DefaultHttpContext();
        new CartCookie(new HttpContextAccessor { HttpContext = written }).Write(Cart.Empty.Add("LAMP-DESK-LED", 2).Add("MUG-CLASSIC-350", 1));
        var setCookie = written.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        var value = setCookie.Split(';')[0][(CartCookie.Name.Length + 1)..];

        Assert.Equal(new[] { new CartLine("LAMP-DESK-LED", 2), new CartLine("MUG-CLASSIC-350", 1) }, Read(Uri.UnescapeDataString(value)).Lines);
        Assert.Equal(new[] { new CartLine("LAMP-DESK-LED", 2) }, Read("LAMP-DESK-LED*2|garbage|MUG*x|*3|X*1|TEE*-1|A*B*1").Lines);
        Assert.True(Read("").IsEmpty);
    }

    [Fact]
    public void AnEmptyCartDeletesItsCookie()
    {
        var context = new DefaultHttpContext();

        new CartCookie(new HttpContextAccessor { HttpContext = context }).Write(Cart.Empty);

        Assert.StartsWith($"{CartCookie.Name}=;", context.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACartIsPricedFromTheCatalogAndALineItNoLongerHasCountsForNothing()
    {
        var api = new PublicApi(new HttpClient(new Catalog()) { BaseAddress = new Uri("http://gateway.test/api/") });
        var cart = Cart.Empty.Add("LAMP-DESK-LED", 2).Add("GONE-1", 1).Add("MUG-CLASSIC-350", 3);

        var priced = await PricedCart.PriceAsync(cart, api, CancellationToken.None);

        Assert.Equal(new[] { "LAMP-DESK-LED", "GONE-1", "MUG-CLASSIC-350" }, priced.Lines.Select(l => l.Sku));
        Assert.Null(priced.Lines[1].Product);
        Assert.Equal(new Money(59m * 2 + 12.5m * 3, "USD"), priced.Total);
        Assert.Equal("USD", priced.Currency);
        Assert.Null(new PricedCart([]).Total);
    }

    private static Cart Read(string cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = $"{CartCookie.Name}={cookie}";
        return new CartCookie(new HttpContextAccessor { HttpContext = context }).Read();
    }

    private static OrderView Order(OrderStatus status) =>
        new("o-1", "ada", status, null, null, [new OrderLine("LAMP-DESK-LED", 1)], new Money(59m, "USD"), null, null, null, null, DateTimeOffset.UnixEpoch);

    /// <summary>GET /api/products/{sku} as the catalog answers it: two products, 404 for anything else.</summary>
    private sealed class Catalog : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sku = request.RequestUri!.Segments[^1];
            var price = sku switch { "LAMP-DESK-LED" => "59.00", "MUG-CLASSIC-350" => "12.50", _ => null };
            return Task.FromResult(price is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        $$"""{"sku":"{{sku}}","name":"{{sku}}","description":"","category":"home","price":{"amount":{{price}},"currency":"USD"},"active":true}""",
                        Encoding.UTF8, "application/json"),
                });
        }
    }
}
