using System.Net;
using System.Net.Http.Json;
using CloudPatterns.Contracts.Payments;
using CloudPatterns.Hosting.Json;

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

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(40m, (await Read(again)).Refunded.Amount);
        Assert.Single(host.ProviderLedger.Refunds);
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
        var refunded = await Read(again);
        Assert.Equal(PaymentStatus.Refunded, refunded.Status);
        Assert.Equal(25.50m, refunded.Refunded.Amount);
        Assert.Equal(2, host.ProviderLedger.Refunds.Count);
        var announced = host.Fabric.PubSub.PublishedTo(Contracts.Events.PaymentRefunded.Topic).Select(m => m.DataAs<Contracts.Events.PaymentRefunded>()).ToList();
        var orders = announced.Where(e => e.Amount.Amount == 15.50m).ToList();
        Assert.NotEmpty(orders);
        Assert.All(orders, e => Assert.Equal(0m, e.Remaining.Amount));
        Assert.Single(orders.Select(e => e.EventId).Distinct());
        Assert.Equal(15.50m, Assert.Single(announced, e => e.Amount.Amount == 10m).Remaining.Amount);
    }

    /// <summary>A provider failing (5xx) is not a provider refusing (4xx): the refund can be asked again, and nothing is recorded.</summary>
    [Fact]
    public async Task ARefundTheProviderFailsOnIsUnavailableNotRefused()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", amount: 20m));
        host.Knobs.Override(new PaymentProviderSimulator.Knobs(0, TimeSpan.Zero, FailNext: 1, FailureStatus: 500));

        using var failed = await RefundAsync(host, payment!.PaymentId, null, "k-1");
        using var retried = await RefundAsync(host, payment.PaymentId, null, "k-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(20m, (await Read(retried)).Refunded.Amount);
        Assert.Single(host.ProviderLedger.Refunds);
    }

    [Fact]
    public async Task ADeclinedPaymentCannotBeRefunded()
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1", token: "tok_declined"));

        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(host, payment!.PaymentId, null, "k")).StatusCode);
    }

    [Fact]
    public async Task RefundingAnUnknownPaymentIsNotFoundAndAReasonIsRequired()
    {
        await using var host = await PaymentHost.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync(host, "pay_nope", null, "k")).StatusCode);
        var noReason = await host.Client.PostAsJsonAsync("payments/pay_nope/refund", new { amount = 1m, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("0.005")]
    [InlineData("1.001")]
    public async Task ARefundBelowTheCurrencysSmallestUnitIsABadRequest(string amount)
    {
        await using var host = await PaymentHost.StartAsync();
        var (_, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        var response = await RefundAsync(host, payment!.PaymentId, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "k");

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
        Assert.Contains("refund exceeds what is left of the charge", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0m, (await host.GetPaymentAsync(payment.PaymentId)).Refunded.Amount);
        Assert.Empty(host.Fabric.PubSub.PublishedTo(Contracts.Events.PaymentRefunded.Topic));
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

    private static async Task<PaymentResponse> Read(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<PaymentResponse>(JsonDefaults.Options))!;
}
