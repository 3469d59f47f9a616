namespace CloudPatterns.OrderService.Tests.Clients;

/// <summary>
/// How the workflow reads payment-service's answers: no answer, 5xx, 408 and 429 are "try again later" (the workflow
/// retries); any other refusal is final, in the problem's words; a refund of an order with no payment, or that gave nothing
/// back, is "nothing refunded".
/// </summary>
public sealed class PaymentServiceClientTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, typeof(PaymentUnavailableException), "payment-service answered 500: the reason")]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(PaymentUnavailableException), "payment-service answered 503: the reason")]
    [InlineData(HttpStatusCode.RequestTimeout, typeof(PaymentUnavailableException), "payment-service answered 408: the reason")]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(PaymentUnavailableException), "payment-service answered 429: the reason")]
    [InlineData(HttpStatusCode.BadRequest, typeof(PaymentRefusedException), "payment-service refused the request (400)")]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(PaymentRefusedException), "payment-service refused the request (422)")]
    [InlineData((HttpStatusCode)499, typeof(PaymentRefusedException), "payment-service refused the request (499)")]
    public async Task AFailedChargeIsRetriedOnlyWhenPaymentServiceCouldNotAnswerIt(HttpStatusCode status, Type expected, string message)
    {
        var client = Client(_ => new HttpResponseMessage(status) { Content = new StringContent("the reason") });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.ChargeAsync(Charge(), default));

        Assert.IsType(expected, failure);
        Assert.Equal(message, failure.Message);
    }

    /// <summary>The customer reads a refusal (the order page, the mail): its words, not payment-service's JSON with its trace id.</summary>
    [Theory]
    [InlineData("""{"title":"This order was already paid with another amount.","detail":"Order order-1 has payment pay-1 of 5.00 USD.","status":422,"traceId":"00-ab"}""",
        "This order was already paid with another amount. Order order-1 has payment pay-1 of 5.00 USD.")]
    [InlineData("""{"title":"The card token has expired.","status":422}""", "The card token has expired.")]
    [InlineData("""{"title":"The card token has expired.","detail":42}""", "The card token has expired.")]
    [InlineData("""{"title":"","detail":"words without a title"}""", "payment-service refused the request (422)")]
    [InlineData("""{"title":{"nested":true}}""", "payment-service refused the request (422)")]
    [InlineData("""{"title":""", "payment-service refused the request (422)")]
    public async Task ARefusalIsToldInTheProblemsWords(string answer, string message)
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.UnprocessableEntity) { Content = new StringContent(answer) });

        var failure = await Assert.ThrowsAsync<PaymentRefusedException>(() => client.ChargeAsync(Charge(), default));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task NoAnswerAtAllIsRetried()
    {
        var client = Client(_ => throw new HttpRequestException("connection refused"));

        var failure = await Assert.ThrowsAsync<PaymentUnavailableException>(() => client.ChargeAsync(Charge(), default));

        Assert.Equal("payment-service did not answer", failure.Message);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, 59, true)]
    [InlineData(HttpStatusCode.OK, 0, false)]
    [InlineData(HttpStatusCode.NotFound, 0, false)]
    public async Task ARefundSaysWhetherAnythingWasGivenBack(HttpStatusCode status, decimal refunded, bool expected)
    {
        var client = Client(request =>
        {
            Assert.Equal("/orders/order%2F1/payment/refund", request.RequestUri!.AbsolutePath);
            return new HttpResponseMessage(status)
            {
                Content = JsonContent.Create(new PaymentResponse("pay-1", "order/1", PaymentStatus.Refunded, new Money(59m, "USD"), new Money(refunded, "USD"), null, null), options: JsonDefaults.Options),
            };
        });

        Assert.Equal(expected, await client.RefundOrderAsync("order/1", "cancelled", null, default));
    }

    [Fact]
    public async Task ARefundOfAPaymentThatIsNotThereForAnotherReasonIsAFailure()
    {
        var client = Client(_ => new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent("still settling") });

        var failure = await Assert.ThrowsAsync<PaymentRefusedException>(() => client.RefundOrderAsync("order-1", "cancelled", null, default));

        Assert.Equal("payment-service refused the request (409)", failure.Message);
    }

    private static ChargeRequest Charge() => new("order-1", new Money(59m, "USD"), new PaymentMethod("card", "tok_visa"));

    private static PaymentServiceClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new HttpClient(new Stub(answer)) { BaseAddress = new Uri("http://payment-service/") }, NullLogger<PaymentServiceClient>.Instance);

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
