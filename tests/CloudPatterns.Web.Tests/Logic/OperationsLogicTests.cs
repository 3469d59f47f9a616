namespace CloudPatterns.Web.Tests.Logic;

/// <summary>What the operations console makes of the breaker's state, of the simulator's knobs and of an image to upload.</summary>
public sealed class OperationsLogicTests
{
    [Theory]
    [InlineData("Closed", "Closed", "circuit-closed")]
    [InlineData("Open", "Open", "circuit-open")]
    [InlineData("HalfOpen", "Half-open", "circuit-halfopen")]
    [InlineData("Isolated", "Isolated", "circuit-open")]
    public void EachBreakerStateHasAWordAToneAndAMeaning(string state, string label, string tone)
    {
        Assert.Equal(label, CircuitStates.Label(state));
        Assert.Equal(tone, CircuitStates.Tone(state));
        Assert.NotEqual(CircuitStates.Meaning("Unheard-of"), CircuitStates.Meaning(state));
    }

    [Theory]
    [InlineData(0.0, 0, 0, 503, "The simulator answers every request; every answer takes 0 ms.")]
    [InlineData(1.0, 0, 0, 503, "The simulator fails 100 % of requests with 503; every answer takes 0 ms.")]
    [InlineData(0.25, 1500, 0, 429, "The simulator fails 25 % of requests with 429; every answer takes 1500 ms.")]
    [InlineData(0.0, 0, 2, 500, "The simulator fails the next 2 for certain and 0 % of requests with 500; every answer takes 0 ms.")]
    public void TheKnobsAreSaidInASentence(double rate, int latencyMs, int failNext, int status, string words) =>
        Assert.Equal(words, new SimulatorKnobs(rate, TimeSpan.FromMilliseconds(latencyMs), failNext, status).InWords());

    [Fact]
    public void TheFormHoldsTheKnobsInWholePercentAndMilliseconds()
    {
        var knobs = new SimulatorKnobs(0.5, TimeSpan.FromMilliseconds(250), 3, 502);

        var form = KnobsForm.From(knobs);

        Assert.Equal(50, form.FailureRatePercent);
        Assert.Equal(250, form.LatencyMilliseconds);
        Assert.Equal(3, form.FailNext);
        Assert.Equal(502, form.FailureStatus);
        Assert.Equal(knobs, form.ToKnobs());
        Assert.Null(form.Check());
    }

    [Fact]
    public void KnobsOutOfRangeAreRefusedFieldByField()
    {
        var form = new KnobsForm { FailureRatePercent = 101, FailNext = -1, FailureStatus = 418, LatencyMilliseconds = 30_001 };

        var problem = form.Check();

        Assert.NotNull(problem);
        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.Equal(["failNext", "failureRate", "failureStatus", "latency"], problem.Errors.Keys.Order());
        Assert.Contains("503", Assert.Single(problem.For("failureStatus")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5199/", "http://localhost:5199/")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheSimulatorIsReachedOnlyWhereItsAddressIsSet(string? configured, string? address)
    {
        var options = Options.Create(new WebOptions
        {
            ApiBaseUrl = new Uri("http://localhost:5100/api/"),
            PaymentSimulatorUrl = configured is null ? null : new Uri(configured, UriKind.RelativeOrAbsolute),
        });

        Assert.Equal(address, new PaymentSimulator(new HttpClient(), options).Address?.ToString());
    }

    [Fact]
    public void TheUploadFormTakesAFileOfExactlyTheLimitAndRefusesOneByteMoreWithBothSizes()
    {
        var exactly = new ImageUploadForm { File = new UploadedFile("lamp.jpg", ImageUploadForm.MaxBytes) };
        var tooLarge = new ImageUploadForm { File = new UploadedFile("lamp.jpg", 11 * 1024 * 1024) };

        var refusal = tooLarge.Check();

        Assert.Null(exactly.Check());
        Assert.NotNull(refusal);
        Assert.Equal(["lamp.jpg is 11.0 MB; at most 10 MB are accepted."], refusal.Errors["image"]);
    }

    [Fact]
    public void TheUploadFormsLimitIsTheOneProductServiceAndTheGatewayAreConfiguredWith()
    {
        // The web checks before it sends, so that an admin hears the size at once; a limit of its own would refuse
        // what the API takes, or send what it refuses.
        Assert.Equal(ImageUploadForm.MaxBytes, RepositoryPaths.AppSetting<long>("ProductService", "Images:MaxUploadBytes"));
        Assert.Equal(ImageUploadForm.MaxBytes, RepositoryPaths.AppSetting<long>("Gateway", "ReverseProxy:Routes:product-images:Metadata:MaxRequestBodyBytes"));
        Assert.True(RepositoryPaths.AppSetting<long>("Gateway", "ReverseProxy:Routes:site-image-upload:Metadata:MaxRequestBodyBytes") > ImageUploadForm.MaxBytes,
            "the site's upload route takes the image and the form around it");
    }

    private sealed class UploadedFile(string name, long size) : IBrowserFile
    {
        public string Name => name;

        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

        public long Size => size;

        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
