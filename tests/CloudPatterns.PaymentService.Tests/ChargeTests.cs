namespace CloudPatterns.PaymentService.Tests;

public sealed class ChargeTests
{
    [Fact]
    public async Task ACapturedPaymentIsAnsweredKeptAndAnnounced()
    {
        await using var host = await PaymentHost.StartAsync();

        var (response, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Equal("4242", payment.CardLast4);
        Assert.Equal(PaymentIds.ForOrder("order-1"), payment.PaymentId);
        Assert.Equal(payment, await host.Client.GetFromJsonAsync<PaymentResponse>($"payments/{payment.PaymentId}", JsonDefaults.Options));
        var completed = Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic)).DataAs<PaymentCompleted>();
        Assert.Equal("order-1", completed.OrderId);
        Assert.Equal(new Money(25.50m, "USD"), completed.Amount);
        Assert.Equal("customer-1", completed.CustomerId);
    }

    [Fact]
    public async Task ASettlementThatKeepsLosingItsRaceIsAFailureToRetryNeverASuccessAndTheRetryChargesOnce()
    {
        await using var host = await PaymentHost.StartAsync();
        var record = $"payment:{PaymentIds.ForOrder("order-1")}";

        HttpResponseMessage busy;
        using (host.Fabric.StateStore(DaprComponents.PaymentStore).Contend(record))
        {
            (busy, _) = await host.PayAsync(PaymentHost.Charge("order-1"));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.Headers.RetryAfter);
        Assert.Contains("kept changing", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic));

        var (retried, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic));
        Assert.Single(host.ProviderLedger.Charges);
    }

    [Fact]
    public async Task ADeclineIsAnAnswerNotAnErrorAndIsNeverRetried()
    {
        await using var host = await PaymentHost.StartAsync();

        var (response, payment) = await host.PayAsync(PaymentHost.Charge("order-1", token: "tok_insufficient_funds"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PaymentStatus.Declined, payment!.Status);
        Assert.Equal("insufficient_funds", payment.DeclineReason);
        Assert.Equal(1, host.Knobs.Requests);
        Assert.Equal("insufficient_funds", Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentFailed.Topic)).DataAs<PaymentFailed>().Reason);
    }

    [Fact]
    public async Task RepeatingAChargeReturnsTheFirstResultWithoutChargingAgain()
    {
        await using var host = await PaymentHost.StartAsync();

        var (_, first) = await host.PayAsync(PaymentHost.Charge("order-1"));
        var (_, second) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(first, second);
        Assert.Single(host.ProviderLedger.Charges);
    }

    [Fact]
    public async Task TwentyConcurrentIdenticalChargesChargeOnce()
    {
        await using var host = await PaymentHost.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.PayAsync(PaymentHost.Charge("order-1")))));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Single(results.Select(r => r.Payment).Distinct());
        Assert.Single(host.ProviderLedger.Charges);
        Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic).Select(m => m.Id).Distinct());
    }

    [Fact]
    public async Task TheSameOrderWithAnotherAmountIsUnprocessable()
    {
        await using var host = await PaymentHost.StartAsync();
        await host.PayAsync(PaymentHost.Charge("order-1", amount: 10m));

        var (response, _) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 99m));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("This order was already paid with another amount.", problem.Title);
        Assert.Equal($"Order order-1 has payment {PaymentIds.ForOrder("order-1")} of 10.00 USD.", problem.Detail);
        Assert.Single(host.ProviderLedger.Charges);
    }

    [Theory]
    [InlineData("""{"amount":{"amount":1,"currency":"USD"},"method":{"type":"card","token":"tok_visa"}}""", "orderId")]
    [InlineData("""{"orderId":"o","amount":{"amount":0,"currency":"USD"},"method":{"type":"card","token":"tok_visa"}}""", "amount.amount")]
    [InlineData("""{"orderId":"o","amount":{"amount":5,"currency":"ZZZ"},"method":{"type":"card","token":"tok_visa"}}""", "amount.currency")]
    [InlineData("""{"orderId":"o","amount":{"amount":5,"currency":"USD"},"method":{"type":"iou","token":"tok_visa"}}""", "method.type")]
    [InlineData("""{"orderId":"o","amount":{"amount":5,"currency":"USD"},"method":{"type":"card","token":"4242 4242 4242 4242"}}""", "method.token")]
    [InlineData("""{"orderId":"o","amount":{"amount":5,"currency":"USD"},"method":{"type":"card","token":"tok_4242-4242-4242-4242"}}""", "method.token")]
    [InlineData("""{"orderId":"o","amount":{"amount":5.001,"currency":"USD"},"method":{"type":"card","token":"tok_visa"}}""", "amount.amount")]
    [InlineData("""{"orderId":"o","amount":{"amount":5,"currency":"USD"}}""", "method")]
    public async Task AnInvalidChargeIsABadRequestNamingTheFieldAndReachesNoProvider(string body, string field)
    {
        await using var host = await PaymentHost.StartAsync();

        var response = await host.Client.PostAsync("payments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, host.Knobs.Requests);
    }

    [Fact]
    public async Task ACardNumberNeverReachesStateEventsOrLogs()
    {
        await using var host = await PaymentHost.StartAsync(new() { ["Logging:LogLevel:Default"] = "Trace" });
        using var provider = host.Provider.CreateClient();
        provider.DefaultRequestHeaders.Authorization = new("Bearer", PaymentHost.ApiKey);
        var tokenized = await provider.PostAsJsonAsync("v1/tokens", new CardTokenRequest("4000056655665556", 12, 2031, "123"));
        Assert.Equal(HttpStatusCode.OK, tokenized.StatusCode);
        var token = (await tokenized.Content.ReadFromJsonAsync<CardTokenResponse>(JsonDefaults.Options))!;

        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", token: token.Token));

        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Equal("5556", payment.CardLast4);
        var stored = string.Join("\n", host.Fabric.StateStore(DaprComponents.PaymentStore).Snapshot().Values.Select(System.Text.Encoding.UTF8.GetString));
        var published = string.Join("\n", host.Fabric.PubSub.Published.Select(m => m.CloudEvent.ToJsonString()));
        Assert.Contains(token.Token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4000056655665556", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4000056655665556", published, StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("4000056655665556", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownPaymentIsNotFound()
    {
        await using var host = await PaymentHost.StartAsync();

        using var response = await host.Client.GetAsync("payments/pay_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No payment pay_nope.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task AnotherCustomersPaymentAndAChargeStillInFlightAreNotFound()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));
        host.Knobs.Override(new Knobs(0, TimeSpan.Zero, FailNext: 1));
        var (failed, _) = await host.PayAsync(PaymentHost.Charge("order-2"));
        using var payer = host.Fabric.App(AppIds.PaymentService).CreateSidecarClient(host.Fabric.Tokens.Customer("customer-1"), AppIds.Gateway);
        using var stranger = host.Fabric.App(AppIds.PaymentService).CreateSidecarClient(host.Fabric.Tokens.Customer("customer-2"), AppIds.Gateway);

        using var own = await payer.GetAsync($"payments/{payment!.PaymentId}");
        using var someoneElses = await stranger.GetAsync($"payments/{payment.PaymentId}");
        using var inFlight = await payer.GetAsync($"payments/{PaymentIds.ForOrder("order-2")}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal($"No payment {payment.PaymentId}.", (await someoneElses.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inFlight.StatusCode);
    }

    /// <summary>The payment id is the provider's idempotency key for the charge: if it changed from one release to the next, a charge retried across an upgrade would take the money twice.</summary>
    [Fact]
    public async Task ThePaymentIdAnOrderGetsIsTheChargesIdempotencyKeyAndStaysTheSameFromOneReleaseToTheNext()
    {
        await using var host = await PaymentHost.StartAsync();
        var keys = new List<string>();
        host.ProviderAnswers = request =>
        {
            keys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            return null;
        };

        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal("pay_0bafe22156d2698c143b8604", payment!.PaymentId);
        Assert.Equal([payment.PaymentId], keys);
    }

    [Fact]
    public async Task ADeclineThatGivesNoCodeIsAnnouncedAsDeclined()
    {
        await using var host = await PaymentHost.StartAsync();
        host.ProviderAnswers = _ => PaymentHost.ProviderAnswer(HttpStatusCode.PaymentRequired, """{"id":"ch_1","status":"declined","last4":"0002"}""");

        var (response, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PaymentStatus.Declined, payment!.Status);
        Assert.Equal("declined", Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentFailed.Topic)).DataAs<PaymentFailed>().Reason);
    }

    /// <summary>An answer the provider's API does not give to a charge is neither a capture nor a decline: the charge stays unsettled and a retry asks again.</summary>
    [Fact]
    public async Task AChargeAnswerTheProviderShouldNeverGiveSettlesNothing()
    {
        await using var host = await PaymentHost.StartAsync();
        host.ProviderAnswers = _ => PaymentHost.ProviderAnswer(HttpStatusCode.NotFound, """{"id":"ch_1","status":"succeeded","last4":"4242"}""");

        var (odd, _) = await host.PayAsync(PaymentHost.Charge("order-1"));
        host.ProviderAnswers = null;
        var (retried, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.InternalServerError, odd.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic));
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentFailed.Topic));
    }

    /// <summary>
    /// A charge retried after the provider forgot its key (PaymentProvider:IdempotencyKeyLifetime) would be a second
    /// charge: it is not asked again, and the order is told its payment is being checked by hand.
    /// </summary>
    [Fact]
    public async Task AChargeUnansweredLongerAgoThanTheProvidersKeyLifetimeIsNotAskedAgain()
    {
        await using var host = await PaymentHost.StartAsync(new() { ["PaymentProvider:IdempotencyKeyLifetime"] = "01:00:00" });
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 2));
        var (unanswered, _) = await host.PayAsync(PaymentHost.Charge("order-old"));
        unanswered.Dispose();
        host.Fabric.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));
        var requests = host.Knobs.Requests;

        var (retried, _) = await host.PayAsync(PaymentHost.Charge("order-old"));

        using (retried)
        {
            Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
            Assert.Equal("The payment could not be confirmed and is being checked by hand.", (await retried.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        }

        Assert.Equal(requests, host.Knobs.Requests);
        Assert.Empty(host.ProviderLedger.Charges);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic));
    }
}
