namespace CloudPatterns.EndToEnd.SystemTests;

/// <summary>
/// The apps' HTTP endpoints, as far as a health probe sees them: each port is refused (connection refused), then
/// healthy from the fake time the test says, or never.
/// </summary>
public sealed class FakeApps(FakeTimeProvider time) : HttpMessageHandler
{
    private readonly Dictionary<int, DateTimeOffset> _healthyFrom = [];

    public List<Uri> Probed { get; } = [];

    public void HealthyFrom(int port, DateTimeOffset at) => _healthyFrom[port] = at;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Probed)
        {
            Probed.Add(request.RequestUri!);
        }

        return _healthyFrom.TryGetValue(request.RequestUri!.Port, out var at) && time.GetUtcNow() >= at
            ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK))
            : Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused"));
    }
}
