namespace CloudPatterns.PaymentService.Tests;

public sealed class RefundTests
{
    [Fact]
    public async Task APaymentCanBeRefundedInPartsButNeverBeyondWhatWasCaptured()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));

        var partial = await RefundAsync(host, payment!.PaymentId, 30m, "key-1");
        var tooMuch = await RefundAsync(host, payment.PaymentId, 80m, "key-2");
        var rest = await RefundAsync(host, payment.PaymentId, null, "key-3");

        var afterPartial = await Read(partial);
        var afterRest = await Read(rest);
        Assert.Equal(PaymentStatus.PartiallyRefunded, afterPartial.Status);
        Assert.Equal(30m, afterPartial.Refunded.Amount);
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Contains("70.00 USD left", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Refunded, afterRest.Status);
        Assert.Equal(100m, afterRest.Refunded.Amount);
        Assert.Equal(2, host.ProviderLedger.Refunds.Count);
    }

    [Fact]
    public async Task ARefundRepeatedWithItsIdempotencyKeyPaysOutOnce()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));

        await RefundAsync(host, payment!.PaymentId, 40m, "cancel:order-1");
        var again = await RefundAsync(host, payment.PaymentId, 40m, "cancel:order-1");

        await AssertRefundedWithOnePayoutAsync(host, again, 40m);
        // Announced again, with the same event id: an announcement lost to a crash is repaired by the repeat, and subscribers see one refund.
        var announced = host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic).Select(m => m.DataAs<PaymentRefunded>()).ToList();
        Assert.Equal(2, announced.Count);
        Assert.Single(announced.Select(e => e.EventId).Distinct());
    }

    [Fact]
    public async Task TwentyConcurrentRepeatsOfARefundPayOutAndRecordItOnce()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));
        await RefundAsync(host, payment!.PaymentId, 10m, "first");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RefundAsync(host, payment.PaymentId, 20m, "second"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var refunded = await host.GetPaymentAsync(payment.PaymentId);
        Assert.Equal(30m, refunded.Refunded.Amount);
        Assert.Equal(PaymentStatus.PartiallyRefunded, refunded.Status);
        Assert.Equal(2, host.ProviderLedger.Refunds.Count);
    }

    [Fact]
    public async Task AnAdminMayRefundThroughTheGatewayAndACustomerMayNot()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        using var admin = host.Fabric.App(AppIds.PaymentService).CreateSidecarClient(host.Fabric.Tokens.Admin(), AppIds.Gateway);
        using var customer = host.Fabric.App(AppIds.PaymentService).CreateSidecarClient(host.Fabric.Tokens.Customer("customer-1"), AppIds.Gateway);

        customer.DefaultRequestHeaders.Add(IdempotencyKeys.Header, "k-customer");
        admin.DefaultRequestHeaders.Add(IdempotencyKeys.Header, "k-admin");
        using var byCustomer = await customer.PostAsJsonAsync($"payments/{payment!.PaymentId}/refund", new RefundRequest(5m, "changed my mind"), JsonDefaults.Options);
        using var byAdmin = await admin.PostAsJsonAsync($"payments/{payment.PaymentId}/refund", new RefundRequest(5m, "goodwill"), JsonDefaults.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        await AssertRefundedWithOnePayoutAsync(host, byAdmin, 5m);
    }

    /// <summary>
    /// An admin's partial refund is with the provider (done there, its answer not back yet) when the order is cancelled: the
    /// order's refund gives back only what the admin's left. Counting the admin's 30 as still there, it would ask for all
    /// 100, be refused, and be refused again every time the workflow asked (the provider keeps its answer to the key).
    /// </summary>
    [Fact]
    public async Task ARefundAskedWhileAnotherIsWithTheProviderGivesBackOnlyWhatTheOtherLeaves()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));
        var refundedAtProvider = new TaskCompletionSource();
        var answerBack = new TaskCompletionSource();
        host.ProviderAnswered = async request =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/refunds", StringComparison.Ordinal) && refundedAtProvider.TrySetResult())
            {
                await answerBack.Task;
            }
        };

        var admin = RefundAsync(host, payment!.PaymentId, 30m, "admin-1");
        await refundedAtProvider.Task;
        using var order = await RefundOrderAsync(host, "order-1");
        answerBack.SetResult();
        using var adminAnswer = await admin;

        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminAnswer.StatusCode);
        var refunded = await host.GetPaymentAsync(payment.PaymentId);
        Assert.Equal(PaymentStatus.Refunded, refunded.Status);
        Assert.Equal(100m, refunded.Refunded.Amount);
        Assert.Equal([30m, 70m], host.ProviderLedger.Refunds.Values.Select(r => r.Amount).Order());
    }

    /// <summary>
    /// An admin's partial refund the provider failed on, never asked again: the order's refund finishes it (with the
    /// admin's key) before giving back the rest, so its 30 is neither held for good nor paid twice, and both are announced.
    /// </summary>
    [Fact]
    public async Task AnOrdersRefundFinishesARefundLeftUnansweredAndGivesBackTheRest()
    {
        await using var host = await PaymentHost.StartAsync();
        await PaidWithAnAbandonedRefundAsync(host);

        using var order = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        var refunded = await Read(order);
        Assert.Equal(PaymentStatus.Refunded, refunded.Status);
        Assert.Equal(100m, refunded.Refunded.Amount);
        Assert.Equal([30m, 70m], host.ProviderLedger.Refunds.Values.Select(r => r.Amount).Order());
        Assert.Equal([30m, 70m], host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic).Select(m => m.DataAs<PaymentRefunded>().Amount.Amount).Order());
    }

    /// <summary>
    /// A refund under another key claims the payment between the order's refund finishing the others and claiming what
    /// is left (two requests at once). What is left is not known until that refund is answered, so the order's refund
    /// answers 503, to be asked again; it used to claim the rest and end with the other's amount held, and when the
    /// provider then refused that one, nobody gave it back.
    /// </summary>
    [Fact]
    public async Task ARefundClaimedUnderAnotherKeyMeanwhileMakesTheOrdersRefundAskAgain()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));
        using var earlier = await RefundAsync(host, payment!.PaymentId, 10m, "admin-0"); // answered: no reason to wait for it
        var admins = new RefundEntry(null, new Money(30m, "USD"), "goodwill", "admin-1", host.Fabric.Time.GetUtcNow());
        HttpStatusCode meanwhile;
        string? why;
        using (host.Fabric.StateStore(DaprComponents.PaymentStore).Contend($"payment:{payment.PaymentId}", times: 1, rewrite: json =>
        {
            var record = JsonSerializer.Deserialize<PaymentRecord>(json, JsonDefaults.Options)!;
            return JsonSerializer.SerializeToUtf8Bytes(record with { Refunds = [.. record.Refunds ?? [], admins] }, JsonDefaults.Options);
        }))
        {
            using var first = await RefundOrderAsync(host, "order-1");
            meanwhile = first.StatusCode;
            why = (await first.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail;
        }

        var askedMeanwhile = host.ProviderLedger.Refunds.Count;
        using var again = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, meanwhile);
        Assert.Equal("Another refund of this payment is with the payment provider; try again.", why);
        Assert.Equal(1, askedMeanwhile); // only the earlier one
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(100m, (await Read(again)).Refunded.Amount);
        Assert.Equal([10m, 30m, 60m], host.ProviderLedger.Refunds.Values.Select(r => r.Amount).Order()); // the admins', the second finished with its key, and the rest
    }

    /// <summary>
    /// An abandoned refund the provider refuses when the order's refund finishes it (its words are the admin's affair):
    /// its claim is given up, and the order's refund gives back all of it.
    /// </summary>
    [Fact]
    public async Task AnAbandonedRefundTheProviderRefusesLeavesItsAmountToTheOrdersRefund()
    {
        await using var host = await PaymentHost.StartAsync();
        var payment = await PaidWithAnAbandonedRefundAsync(host);
        host.ProviderAnswers = request => request.Headers.GetValues("Idempotency-Key").Single().EndsWith(":admin-1", StringComparison.Ordinal)
            ? PaymentHost.ProviderAnswer(HttpStatusCode.BadRequest, """{"error":"the charge is disputed"}""")
            : null;

        using var order = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.Equal(100m, (await Read(order)).Refunded.Amount);
        var (record, _) = await host.Payments.Services.GetRequiredService<PaymentStore>().GetAsync(payment.PaymentId, CancellationToken.None);
        Assert.Equal(["order:order-1"], record!.Refunds!.Select(r => r.IdempotencyKey));
    }

    /// <summary>The order workflow's compensation: whatever the order's payment still holds goes back, once.</summary>
    [Fact]
    public async Task AnOrdersRefundGivesBackWhatIsLeftAndAskedAgainGivesNothingMore()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 25.50m));
        await RefundAsync(host, payment!.PaymentId, 10m, "admin-1");

        using var first = await host.Client.PostAsJsonAsync("orders/order-1/payment/refund", new RefundRequest(null, ""), JsonDefaults.Options);
        using var again = await host.Client.PostAsJsonAsync("orders/order-1/payment/refund", new RefundRequest(null, "order cancelled"), JsonDefaults.Options);
        using var none = await host.Client.PostAsJsonAsync("orders/order-2/payment/refund", new RefundRequest(null, "order cancelled"), JsonDefaults.Options);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("No payment of order order-2.", (await none.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var refunded = await Read(again);
        Assert.Equal(PaymentStatus.Refunded, refunded.Status);
        Assert.Equal(25.50m, refunded.Refunded.Amount);
        Assert.Equal(2, host.ProviderLedger.Refunds.Count);
        var announced = host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic).Select(m => m.DataAs<PaymentRefunded>()).ToList();
        var orders = announced.Where(e => e.Amount.Amount == 15.50m).ToList();
        Assert.NotEmpty(orders);
        Assert.All(orders, e => Assert.Equal(0m, e.Remaining.Amount));
        Assert.Single(orders.Select(e => e.EventId).Distinct());
        Assert.Equal(15.50m, Assert.Single(announced, e => e.Amount.Amount == 10m).Remaining.Amount);
    }

    /// <summary>
    /// Every charge of the order went unanswered without reaching payment-service (it was down): its refund finds no
    /// payment. Told what the charge asked for, it closes the payment as never taken, which clears the refund the order
    /// owed in its read model (payments.failed), and a charge still on its way finds it and takes nothing.
    /// </summary>
    [Fact]
    public async Task AnOrdersRefundForAChargeThatNeverArrivedClosesThePaymentSoALateChargeTakesNothing()
    {
        await using var host = await PaymentHost.StartAsync();

        using var refund = await host.Client.PostAsJsonAsync("orders/order-1/payment/refund",
            new RefundRequest(null, "order payment-unanswered", new Money(20m, "USD")), JsonDefaults.Options);
        var (late, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        using var lateAnswer = late;

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(PaymentStatus.Declined, (await Read(refund)).Status);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(PaymentStatus.Declined, payment!.Status);
        Assert.Empty(host.ProviderLedger.Charges);
        var failed = host.Fabric.PubSub.PublishedTo(PaymentFailed.Topic).Select(m => m.DataAs<PaymentFailed>()).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, e =>
        {
            Assert.Equal("order-1", e.OrderId);
            Assert.Equal(new Money(20m, "USD"), e.Amount);
            Assert.Equal(PaymentRecord.NeverCharged, e.Reason);
        });
        Assert.Single(failed.Select(e => e.EventId).Distinct());
    }

    public static TheoryData<string, string> ReasonsGiven => TheoryGroups.Of(
        ("order cancelled", ["", "   "]),
        ("customer cancelled in the shop", ["  customer cancelled in the shop "]));

    [Theory, MemberData(nameof(ReasonsGiven))]
    public async Task AnOrdersRefundIsRecordedWithTheReasonGivenOrAsOrderCancelled(string recorded, string given)
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        using var response = await host.Client.PostAsJsonAsync("orders/order-1/payment/refund", new RefundRequest(null, given), JsonDefaults.Options);
        var (record, _) = await host.Payments.Services.GetRequiredService<PaymentStore>().GetAsync(payment!.PaymentId, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(recorded, Assert.Single(record!.Refunds!).Reason);
    }

    /// <summary>The compensation of an order whose payment was declined, or already refunded in full by an admin, has nothing to give back: done, without asking the provider.</summary>
    [Fact]
    public async Task AnOrdersRefundWithNothingLeftToGiveBackIsDoneWithoutAskingTheProvider()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, paid) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        await host.PayAsync(PaymentHost.Charge("order-2", token: "tok_declined"));
        await RefundAsync(host, paid!.PaymentId, null, "admin-1");
        var requests = host.Knobs.Requests;

        using var refunded = await host.Client.PostAsJsonAsync("orders/order-1/payment/refund", new RefundRequest(null, "order cancelled"), JsonDefaults.Options);
        using var declined = await host.Client.PostAsJsonAsync("orders/order-2/payment/refund", new RefundRequest(null, "order cancelled"), JsonDefaults.Options);

        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        var inFull = await Read(refunded);
        Assert.Equal(PaymentStatus.Refunded, inFull.Status);
        Assert.Equal(20m, inFull.Refunded.Amount);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal(PaymentStatus.Declined, (await Read(declined)).Status);
        Assert.Equal(requests, host.Knobs.Requests);
        Assert.Single(host.ProviderLedger.Refunds);
    }

    /// <summary>
    /// The workflow gave up on a charge the provider never answered (it failed), then refunds the order: payment-service
    /// asks the provider again with the charge's key, which takes the money now, and gives it back. While the provider
    /// is still failing the refund is to be asked again later.
    /// </summary>
    [Fact]
    public async Task AnOrdersRefundAfterItsChargeWentUnansweredSettlesTheChargeAndGivesBackWhatItTook()
    {
        await using var host = await PaymentHost.StartAsync();
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 2));
        var (unanswered, _) = await host.PayAsync(PaymentHost.Charge("order-1"));

        using var early = await RefundOrderAsync(host, "order-1");
        using var later = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unanswered.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.NotNull(early.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var payment = await Read(later);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(25.50m, payment.Refunded.Amount);
        var charge = Assert.Single(host.ProviderLedger.Charges.Values);
        Assert.Equal(charge.Id, Assert.Single(host.ProviderLedger.Refunds.Values).Charge);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentCompleted.Topic)); // the order failed already: no payment to count
        Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic));
    }

    /// <summary>
    /// The provider forgets a key after PaymentProvider:IdempotencyKeyLifetime: an unanswered charge older than that is
    /// not asked again (the provider would charge anew), and its refund waits for a person. Just within it, less the
    /// call's own timeout (5 s: the key must still be known when the call arrives), it is settled.
    /// </summary>
    [Fact]
    public async Task AnUnansweredChargeOlderThanTheProvidersKeyLifetimeIsNotAskedAgainButLeftToAPerson()
    {
        await using var host = await PaymentHost.StartAsync(new() { ["PaymentProvider:IdempotencyKeyLifetime"] = "01:00:00" });
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 2));
        await host.PayAsync(PaymentHost.Charge("order-old"));
        host.Fabric.Time.Advance(TimeSpan.FromMilliseconds(1));
        await host.PayAsync(PaymentHost.Charge("order-recent"));
        host.Fabric.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(5));
        var requests = host.Knobs.Requests;

        using var old = await RefundOrderAsync(host, "order-old");
        var requestsForTheOldOne = host.Knobs.Requests - requests;
        using var recent = await RefundOrderAsync(host, "order-recent");

        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Equal(
            $"The charge of payment {PaymentIds.ForOrder("order-old")} went unanswered longer ago than the provider keeps its idempotency key; asking again could charge twice. Reconcile it with the provider by hand.",
            (await old.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(0, requestsForTheOldOne);
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Equal(PaymentStatus.Refunded, (await Read(recent)).Status);
        var onlyTheRecentOne = Assert.Single(host.ProviderLedger.Charges.Values);
        Assert.Equal(onlyTheRecentOne.Id, Assert.Single(host.ProviderLedger.Refunds.Values).Charge);
    }

    /// <summary>A charge the provider made, whose answer was lost on the way back, is found by its key and refunded: never charged twice.</summary>
    [Fact]
    public async Task AnOrdersRefundAfterTheChargesAnswerWasLostRefundsTheChargeTheProviderMade()
    {
        await using var host = await PaymentHost.StartAsync();
        host.LoseProviderAnswers = true;
        var (unanswered, _) = await host.PayAsync(PaymentHost.Charge("order-1"));
        var taken = Assert.Single(host.ProviderLedger.Charges.Values);
        host.LoseProviderAnswers = false;

        using var refunded = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unanswered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        var payment = await Read(refunded);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal("4242", payment.CardLast4);
        Assert.Equal(taken, Assert.Single(host.ProviderLedger.Charges.Values));
        Assert.Equal(taken.Id, Assert.Single(host.ProviderLedger.Refunds.Values).Charge);
    }

    /// <summary>An unanswered charge the provider declines when asked again took nothing: the order's refund is done, with nothing given back.</summary>
    [Fact]
    public async Task AnOrdersRefundAfterAnUnansweredChargeThatIsDeclinedGivesNothingBack()
    {
        await using var host = await PaymentHost.StartAsync();
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 1));
        await host.PayAsync(PaymentHost.Charge("order-1", token: "tok_declined"));

        using var refund = await RefundOrderAsync(host, "order-1");

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var payment = await Read(refund);
        Assert.Equal(PaymentStatus.Declined, payment.Status);
        Assert.Equal(0m, payment.Refunded.Amount);
        Assert.Empty(host.ProviderLedger.Refunds);
        Assert.Single(host.Fabric.PubSub.PublishedTo(PaymentFailed.Topic)); // the news that nothing was taken
    }

    /// <summary>A provider failing (5xx) is not a provider refusing (4xx): the refund is finished by asking again with its key.</summary>
    [Fact]
    public async Task ARefundTheProviderFailsOnIsUnavailableNotRefused()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 1, FailureStatus: 500));

        using var failed = await RefundAsync(host, payment!.PaymentId, null, "k-1");
        using var another = await RefundAsync(host, payment.PaymentId, null, "k-2");
        using var retried = await RefundAsync(host, payment.PaymentId, null, "k-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        // Unanswered, the provider may have paid it: the next refund, under another key, finishes it first with its own
        // key (the provider pays it once), and finds nothing left for itself.
        Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
        Assert.Contains("0.00 USD left", await another.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRefundedWithOnePayoutAsync(host, retried, 20m);
    }

    [Fact]
    public async Task ADeclinedPaymentCannotBeRefunded()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", token: "tok_declined"));

        using var response = await RefundAsync(host, payment!.PaymentId, null, "k");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"Payment {payment.PaymentId} is Declined and cannot be refunded.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty(host.ProviderLedger.Refunds);
    }

    /// <summary>Without a key, a refund asked again after a lost answer would pay out twice: the key is required, and bounded like an order's.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a-key-of-one-hundred-and-one-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task ARefundWithoutAUsableIdempotencyKeyIsABadRequestNamingTheHeaderAndPaysNothing(string? key)
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"payments/{payment!.PaymentId}/refund")
        {
            Content = JsonContent.Create(new RefundRequest(5m, "customer asked"), options: JsonDefaults.Options),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key);
        }

        using var response = await host.Client.SendAsync(request);

        var problem = await ValidationProblems.ReadAsync(response);
        Assert.Equal(
            ["is required and must be 1 to 100 printable characters: a refund asked again with it pays out once"],
            problem.Errors[IdempotencyKeys.Header]);
        Assert.Empty(host.ProviderLedger.Refunds);
    }

    [Fact]
    public async Task RefundingAnUnknownPaymentIsNotFoundAndAReasonIsRequired()
    {
        await using var host = await PaymentHost.StartAsync();

        using var unknown = await RefundAsync(host, "pay_nope", null, "k");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("No payment pay_nope.", (await unknown.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var noReason = await host.Client.PostAsJsonAsync("payments/pay_nope/refund", new { amount = 1m, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<decimal> AmountsFinerThanACent => [0.0000000000000000000000000001m, 0.005m, 1.001m];

    [Theory, MemberData(nameof(AmountsFinerThanACent))]
    public async Task ARefundBelowTheCurrencysSmallestUnitIsABadRequest(decimal amount)
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        var response = await RefundAsync(host, payment!.PaymentId, amount, "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("amount", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.ProviderLedger.Refunds);
    }

    [Fact]
    public async Task AProviderThatRefusesARefundIsAnsweredWithItsOwnWordsAndNothingIsRecordedOrAnnounced()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 50m));
        // Someone refunded 40 at the provider directly: our record still says 50 is left, the provider says 10.
        using var provider = host.Provider.CreateClient();
        using var direct = new HttpRequestMessage(HttpMethod.Post, "v1/refunds")
        {
            Content = JsonContent.Create(new { charge = host.ProviderLedger.Charges.Values.Single().Id, amount = 40m }),
        };
        direct.Headers.Authorization = new("Bearer", PaymentHost.ApiKey);
        direct.Headers.Add("Idempotency-Key", "out-of-band");
        (await provider.SendAsync(direct)).EnsureSuccessStatusCode();

        var response = await RefundAsync(host, payment!.PaymentId, 30m, "k");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("The payment provider refused the refund.", problem.Title);
        Assert.Equal("refund exceeds what is left of the charge", problem.Detail);
        var (record, _) = await host.Payments.Services.GetRequiredService<PaymentStore>().GetAsync(payment.PaymentId, CancellationToken.None);
        Assert.Empty(record!.Refunds ?? []); // the refused refund's claim is given up: its 30 is left for another refund
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic));
    }

    [Theory]
    [InlineData("""{"title":"The charge is disputed."}""", "The charge is disputed.")]
    [InlineData("{}", "no reason given")]
    public async Task ARefusalWithoutAnErrorIsToldByItsTitleOrAsNoReasonGiven(string body, string detail)
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));
        host.ProviderAnswers = _ => PaymentHost.ProviderAnswer(HttpStatusCode.UnprocessableEntity, body);

        using var response = await RefundAsync(host, payment!.PaymentId, null, "k");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(0m, (await host.GetPaymentAsync(payment.PaymentId)).Refunded.Amount);
    }

    /// <summary>
    /// A provider's 409 is a refund with this key still being worked on (another request finishing it), not a refusal:
    /// 503, the claim kept, and asked again it is paid once. Taken for a refusal, the claim was given up while the
    /// provider paid it, and its amount counted as left.
    /// </summary>
    [Fact]
    public async Task ARefundTheProviderIsStillWorkingOnIsUnavailableAndItsClaimIsKept()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        host.ProviderAnswers = _ => PaymentHost.ProviderAnswer(HttpStatusCode.Conflict, """{"error":"a request with this key is in progress"}""");

        using var busy = await RefundAsync(host, payment!.PaymentId, 5m, "k-1");
        using var another = await RefundAsync(host, payment.PaymentId, null, "k-2");
        host.ProviderAnswers = null;
        using var again = await RefundAsync(host, payment.PaymentId, 5m, "k-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, another.StatusCode); // it finishes k-1 first, and the provider is still busy with it
        await AssertRefundedWithOnePayoutAsync(host, again, 5m);
    }

    /// <summary>
    /// The provider forgets a key after PaymentProvider:IdempotencyKeyLifetime. A refund asked that long ago and never
    /// answered is not asked again, by its own key or by the next refund finishing it: the provider would pay it anew.
    /// It stays claimed for a person to reconcile (409), and the order's refund gives back only the rest.
    /// </summary>
    [Fact]
    public async Task ARefundUnansweredLongerAgoThanTheProvidersKeyLifetimeIsNotAskedAgain()
    {
        await using var host = await PaymentHost.StartAsync(new() { ["PaymentProvider:IdempotencyKeyLifetime"] = "01:00:00" });
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));
        host.LoseProviderAnswers = true;
        using var unanswered = await RefundAsync(host, payment!.PaymentId, 30m, "admin-1");
        host.LoseProviderAnswers = false;
        host.Fabric.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));

        var requests = host.Knobs.Requests;
        using var again = await RefundAsync(host, payment.PaymentId, 30m, "admin-1");
        using var order = await RefundOrderAsync(host, "order-1");
        var asked = host.Knobs.Requests - requests;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unanswered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Reconcile it with the provider by hand", (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.Equal(1, asked); // the rest only: the old claim is asked neither by its key nor by the order's refund
        Assert.Equal([30m, 70m], host.ProviderLedger.Refunds.Values.Select(r => r.Amount).Order()); // the 30 paid once, when its answer was lost
        Assert.Contains(host.Logs.Lines, line => line.Contains($"Refund admin-1 of payment {payment.PaymentId} (30", StringComparison.Ordinal));
    }

    /// <summary>Only a 2xx is a refund: a redirect carrying a refund id is not taken for one.</summary>
    [Fact]
    public async Task ARefundAnswerTheProviderShouldNeverGiveRecordsNothing()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));
        host.ProviderAnswers = _ => PaymentHost.ProviderAnswer(HttpStatusCode.Found, """{"id":"re_1"}""");

        using var response = await RefundAsync(host, payment!.PaymentId, null, "k");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0m, (await host.GetPaymentAsync(payment.PaymentId)).Refunded.Amount);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(PaymentRefunded.Topic));
    }

    /// <summary>Asserts the refund was answered 200, with <paramref name="refunded"/> of the payment refunded in all, and that the provider paid out one refund.</summary>
    private static async Task AssertRefundedWithOnePayoutAsync(PaymentHost host, HttpResponseMessage response, decimal refunded)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(refunded, (await Read(response)).Refunded.Amount);
        Assert.Single(host.ProviderLedger.Refunds);
    }

    private static async Task<HttpResponseMessage> RefundAsync(PaymentHost host, string paymentId, decimal? amount, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"payments/{paymentId}/refund")
        {
            Content = JsonContent.Create(new RefundRequest(amount, "customer asked"), options: JsonDefaults.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await host.Client.SendAsync(request);
    }

    /// <summary>A payment of 100 for order-1, and an admin's refund of 30 of it the provider failed on (503), never asked again.</summary>
    private static async Task<PaymentResponse> PaidWithAnAbandonedRefundAsync(PaymentHost host)
    {
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 100m));
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 1, FailureStatus: 500));
        using var abandoned = await RefundAsync(host, payment!.PaymentId, 30m, "admin-1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, abandoned.StatusCode);
        return payment;
    }

    private static Task<HttpResponseMessage> RefundOrderAsync(PaymentHost host, string orderId) =>
        host.Client.PostAsJsonAsync($"orders/{orderId}/payment/refund", new RefundRequest(null, "order payment-unanswered"), JsonDefaults.Options);

    private static async Task<PaymentResponse> Read(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<PaymentResponse>(JsonDefaults.Options))!;
}
