namespace CloudPatterns.OrderService.Tests.Clients;

/// <summary>
/// How the workflow reads payment-service's answers: no answer, 5xx, 408 and 429 are "try again later" (the workflow
/// retries); any other refusal is final; a refund of an order with no payment, or that gave nothing back, is "nothing refunded".
/// </summary>
public sealed class PaymentServiceClientTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, typeof(PaymentUnavailableException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(PaymentUnavailableException))]
    [InlineData(HttpStatusCode.RequestTimeout, typeof(PaymentUnavailableException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(PaymentUnavailableException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(PaymentRefusedException))]
    [InlineData(HttpStatusCode.UnprocessableEntity, typeof(PaymentRefusedException))]
    [InlineData((HttpStatusCode)499, typeof(PaymentRefusedException))]
    public async Task AFailedChargeIsRetriedOnlyWhenPaymentServiceCouldNotAnswerIt(HttpStatusCode status, Type expected)
    {
        var client = new PaymentServiceClient(Answering(_ => new HttpResponseMessage(status) { Content = new StringContent("the reason") }));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => client.ChargeAsync(Charge(), default));

        Assert.IsType(expected, failure);
        Assert.Equal($"payment-service answered {(int)status}: the reason", failure.Message);
    }

    [Fact]
    public async Task NoAnswerAtAllIsRetried()
    {
        var client = new PaymentServiceClient(Answering(_ => throw new HttpRequestException("connection refused")));

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
        var client = new PaymentServiceClient(Answering(request =>
        {
            Assert.Equal("/orders/order%2F1/payment/refund", request.RequestUri!.AbsolutePath);
            return new HttpResponseMessage(status)
            {
                Content = JsonContent.Create(new PaymentResponse("pay-1", "order/1", PaymentStatus.Refunded, new Money(59m, "USD"), new Money(refunded, "USD"), null, null), options: JsonDefaults.Options),
            };
        }));

        Assert.Equal(expected, await client.RefundOrderAsync("order/1", "cancelled", default));
    }

    [Fact]
    public async Task ARefundOfAPaymentThatIsNotThereForAnotherReasonIsAFailure()
    {
        var client = new PaymentServiceClient(Answering(_ => new HttpResponseMessage(HttpStatusCode.Conflict) { Content = new StringContent("still settling") }));

        var failure = await Assert.ThrowsAsync<PaymentRefusedException>(() => client.RefundOrderAsync("order-1", "cancelled", default));

        Assert.Equal("payment-service answered 409: still settling", failure.Message);
    }

    private static ChargeRequest Charge() => new("order-1", new Money(59m, "USD"), new PaymentMethod("card", "tok_visa"));

    private static HttpClient Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new Stub(answer)) { BaseAddress = new Uri("http://payment-service/") };

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
