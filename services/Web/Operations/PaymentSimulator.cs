namespace CloudPatterns.Web.Operations;

/// <summary>
/// The payment provider simulator's knobs (its GET/PUT /simulator/settings), at <c>Web:PaymentSimulatorUrl</c>: the one
/// address the site calls besides the gateway's /api, and only where it is set (a local run; see docs/decisions.md).
/// The simulator knows nothing of the shop's users, so no token goes with these calls: the page asks the API whether
/// the user is an admin before it touches a knob.
/// </summary>
public sealed class PaymentSimulator(HttpClient http, IOptions<WebOptions> options)
{
    /// <summary>Where the knobs are, or null where the site has none to reach (Azure, a real provider).</summary>
    public Uri? Address { get; } = options.Value.PaymentSimulatorUrl is { IsAbsoluteUri: true } url ? url : null;

    public Task<ApiResult<SimulatorKnobs>> KnobsAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Settings()), cancellationToken);

    public Task<ApiResult<SimulatorKnobs>> SetKnobsAsync(SimulatorKnobs knobs, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, Settings()) { Content = JsonContent.Create(knobs, options: JsonDefaults.Options) }, cancellationToken);

    private Uri Settings() => new(Address ?? throw new InvalidOperationException("Web:PaymentSimulatorUrl is not set."), "simulator/settings");

    private async Task<ApiResult<SimulatorKnobs>> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return await ProblemReader.ReadAsync(response, cancellationToken);
                }

                return await response.Content.ReadFromJsonAsync<SimulatorKnobs>(JsonDefaults.Options, cancellationToken) is { } knobs
                    ? new ApiResult<SimulatorKnobs>(knobs, null)
                    : Unreachable("It answered without a body.");
            }
            catch (HttpRequestException ex)
            {
                return Unreachable(ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Unreachable("It did not answer in time.");
            }
        }
    }

    private ApiProblem Unreachable(string detail) =>
        new(HttpStatusCode.BadGateway, $"The payment provider simulator at {Address} cannot be reached: is it running?", detail, new Dictionary<string, string[]>());
}

/// <summary>
/// The simulator's knobs, as its /simulator/settings reads and writes them: the share of requests that fail (0 to 1),
/// how long each answer takes, how many next requests fail for certain, and the status a failure is answered with.
/// </summary>
public sealed record SimulatorKnobs(double FailureRate, TimeSpan Latency, int FailNext, int FailureStatus)
{
    /// <summary>The knobs in a sentence, e.g. "The simulator fails 100 % of requests with 503; every answer takes 0 ms."</summary>
    public string InWords()
    {
        var latency = string.Create(CultureInfo.InvariantCulture, $"every answer takes {Latency.TotalMilliseconds:0} ms");
        if (FailureRate <= 0 && FailNext <= 0)
        {
            return $"The simulator answers every request; {latency}.";
        }

        var rate = string.Create(CultureInfo.InvariantCulture, $"{FailureRate * 100:0.#} %");
        var next = FailNext > 0 ? string.Create(CultureInfo.InvariantCulture, $"the next {FailNext} for certain and ") : "";
        return $"The simulator fails {next}{rate} of requests with {FailureStatus}; {latency}.";
    }
}
