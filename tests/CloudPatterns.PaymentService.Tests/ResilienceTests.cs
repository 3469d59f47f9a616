namespace CloudPatterns.PaymentService.Tests;

/// <summary>The provider client's Polly pipeline, against the simulator, on the fabric's fake clock.</summary>
public sealed class ResilienceTests
{
    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(429)]
    [InlineData(409)]
    [InlineData(408)]
    public async Task AFailedProviderCallIsNotRetriedHereButAnswered503WithRetryAfterAndTheCallersRetryChargesOnce(int providerStatus)
    {
        await using var host = await PaymentHost.StartAsync();
        host.Knobs.Override(new Knobs(0, TimeSpan.Zero, FailNext: 1, FailureStatus: providerStatus));

        var (response, _) = await host.PayAsync(PaymentHost.Charge("order-1"));

        // One provider call per request: the order workflow owns the retries of a charge.
        Assert.Equal(1, host.Knobs.Requests);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal("The payment provider is unavailable.", problem.Title);
        Assert.Equal($"The payment provider answered {providerStatus}.", problem.Detail);

        var (retried, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Equal(2, host.Knobs.Requests);
        Assert.Single(host.ProviderLedger.Charges);
    }

    [Fact]
    public async Task TheBreakerOpensFailsFastHalfOpensAfterTheBreakAndClosesOnASuccessfulProbe()
    {
        await using var host = await PaymentHost.StartAsync();

        Assert.All(await OpenTheBreakerAsync(host), answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer));

        var requestsWhenOpened = host.Knobs.Requests;
        var (failFast, _) = await host.PayAsync(PaymentHost.Charge("order-fast"));
        var status = await host.Client.GetFromJsonAsync<Dictionary<string, string>>("provider/status");

        Assert.Equal(CircuitState.Open, host.Circuit.State);
        Assert.Equal("Open", status!["circuit"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failFast.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), failFast.Headers.RetryAfter?.Delta);
        Assert.Equal("The payment provider keeps failing; payments are paused.", (await failFast.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(requestsWhenOpened, host.Knobs.Requests);

        host.Fabric.Time.Advance(TimeSpan.FromSeconds(30));
        host.Knobs.Override(new Knobs(0, TimeSpan.Zero));
        var (probe, payment) = await host.PayAsync(PaymentHost.Charge("order-probe"));

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
        Assert.Equal(requestsWhenOpened + 1, host.Knobs.Requests);
        Assert.Equal(CircuitState.Closed, host.Circuit.State);
    }

    /// <summary>Retry-After while the breaker is open is what is left of the break, rounded up to a whole second (never 0).</summary>
    [Fact]
    public async Task WhileTheBreakerIsOpenRetryAfterSaysHowMuchOfTheBreakIsLeft()
    {
        await using var host = await PaymentHost.StartAsync();
        await OpenTheBreakerAsync(host);

        host.Fabric.Time.Advance(TimeSpan.FromSeconds(20));
        var (afterTwenty, _) = await host.PayAsync(PaymentHost.Charge("order-20"));
        host.Fabric.Time.Advance(TimeSpan.FromSeconds(9.5));
        var (halfASecondLeft, _) = await host.PayAsync(PaymentHost.Charge("order-29"));

        Assert.Equal(TimeSpan.FromSeconds(10), afterTwenty.Headers.RetryAfter?.Delta);
        Assert.Equal(TimeSpan.FromSeconds(1), halfASecondLeft.Headers.RetryAfter?.Delta);
    }

    /// <summary>A provider that says when to come back is taken at its word.</summary>
    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task TheProvidersOwnRetryAfterIsPassedOn(int providerStatus)
    {
        await using var host = await PaymentHost.StartAsync();
        host.ProviderAnswers = _ =>
        {
            var answer = PaymentHost.ProviderAnswer((HttpStatusCode)providerStatus, """{"title":"slow down"}""");
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(17));
            return answer;
        };

        var (response, _) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(17), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task AFailedProbeOpensTheBreakerAgain()
    {
        await using var host = await PaymentHost.StartAsync();
        await OpenTheBreakerAsync(host);

        host.Fabric.Time.Advance(TimeSpan.FromSeconds(30));
        await host.PayAsync(PaymentHost.Charge("order-probe"));
        var requestsAfterProbe = host.Knobs.Requests;
        var (stillOpen, _) = await host.PayAsync(PaymentHost.Charge("order-next"));

        Assert.Equal(CircuitState.Open, host.Circuit.State);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillOpen.StatusCode);
        Assert.Equal(requestsAfterProbe, host.Knobs.Requests);
    }

    [Fact]
    public async Task AProviderThatIsTooSlowTimesOutPerAttempt()
    {
        await using var host = await PaymentHost.StartAsync(new() { ["PaymentProvider:AttemptTimeout"] = "00:00:02" });
        host.Knobs.Override(new Knobs(0, TimeSpan.FromSeconds(10)));

        var charge = host.PayAsync(PaymentHost.Charge("order-1"));
        await host.Knobs.RequestsReached(1);
        host.Fabric.Time.Advance(TimeSpan.FromSeconds(2));
        var (response, _) = await charge;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("The payment provider did not answer.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty(host.ProviderLedger.Charges);
    }

    /// <summary>The key was rotated in the secret store: the provider refuses the old one, the charge is to be asked again, and the next attempt reads the new key.</summary>
    [Fact]
    public async Task AChargeRefusedForItsApiKeyIsUnavailableAndTheNextAttemptReadsTheKeyAgain()
    {
        await using var host = await PaymentHost.StartAsync();
        var secrets = host.Fabric.Secrets("secretstore");
        secrets["payment-provider-api-key"] = "dev-only-rotated-away-key";

        var (refused, _) = await host.PayAsync(PaymentHost.Charge("order-1"));
        secrets["payment-provider-api-key"] = PaymentHost.ApiKey;
        var (retried, payment) = await host.PayAsync(PaymentHost.Charge("order-1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(
            "The payment provider refused our API key; it is read again from the secret store for the next request.",
            (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
    }

    /// <summary>The key is read once and kept while the provider takes it: the secret store is not asked on every charge.</summary>
    [Fact]
    public async Task AnApiKeyTheProviderTakesIsKeptEvenWhenTheSecretChanges()
    {
        await using var host = await PaymentHost.StartAsync();
        await host.PayAsync(PaymentHost.Charge("order-1"));
        host.Fabric.Secrets("secretstore")["payment-provider-api-key"] = "dev-only-not-yet-active-key";

        var (second, payment) = await host.PayAsync(PaymentHost.Charge("order-2"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(PaymentStatus.Captured, payment!.Status);
    }

    /// <summary>
    /// The provider sends its headers and then stalls: the attempt's timeout (5 s, on the app's clock) covers reading the
    /// body too, so the charge is answered 503 when it runs out rather than held until the caller gives up.
    /// </summary>
    [Fact]
    public async Task AProviderThatStallsAfterItsHeadersIsTimedOutLikeOneThatNeverAnswers()
    {
        await using var host = await PaymentHost.StartAsync();
        var reading = new TaskCompletionSource();
        host.ProviderAnswers = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream(reading)) };

        var charging = host.PayAsync(PaymentHost.Charge("order-stalled"));
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30));
        host.Fabric.Time.Advance(TimeSpan.FromSeconds(5));
        var (response, _) = await charging.WaitAsync(TimeSpan.FromSeconds(30));

        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
    }

    /// <summary>
    /// The provider fails every call, and five charges are asked: enough to open the breaker (at least 5 calls, half of
    /// them or more failed: PaymentProvider's breaker options). Returns what each charge was answered.
    /// </summary>
    private static async Task<List<HttpStatusCode>> OpenTheBreakerAsync(PaymentHost host)
    {
        host.Knobs.Override(new Knobs(1.0, TimeSpan.Zero));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await host.PayAsync(PaymentHost.Charge($"order-{i}"))).Response.StatusCode);
        }

        return answers;
    }

    /// <summary>A body that never comes: a read waits until it is cancelled.</summary>
    private sealed class StallingStream(TaskCompletionSource reading) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
