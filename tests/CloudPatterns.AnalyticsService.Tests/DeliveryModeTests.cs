namespace CloudPatterns.AnalyticsService.Tests;

/// <summary>
/// Another broker or a binding may deliver an event as a structured envelope with <c>data</c>, with
/// <c>data_base64</c>, or in binary mode (the attributes in ce-* headers, the event as the body). The pipeline
/// picks the event's handler by its CloudEvent type, so each mode must carry the type to it.
/// </summary>
public sealed class DeliveryModeTests
{
    [Fact]
    public async Task AnEventIsRecordedWhicheverModeItIsDeliveredIn()
    {
        await using var host = await AnalyticsHost.StartAsync();
        using var sidecar = host.Fabric.App(AppIds.AnalyticsService).CreateSidecarClient();
        var structured = AnalyticsHost.Confirmed("o-structured");
        var base64 = AnalyticsHost.Confirmed("o-base64");
        var binary = AnalyticsHost.Confirmed("o-binary");

        var answers = new[]
        {
            await StatusAsync(sidecar, CloudEvents.Post(AnalyticsRoutes.Orders, CloudEvents.Envelope(structured, AppIds.OrderService).ToJsonString())),
            await StatusAsync(sidecar, CloudEvents.Post(AnalyticsRoutes.Orders, WithDataBase64(CloudEvents.Envelope(base64, AppIds.OrderService)))),
            await StatusAsync(sidecar, BinaryMode(AnalyticsRoutes.Orders, binary)),
        };

        Assert.Equal(["SUCCESS", "SUCCESS", "SUCCESS"], answers);
        var summary = await host.SummaryAsync();
        Assert.Equal(3, summary.EventsRecorded);
        Assert.Equal(75m, summary.RevenueByCurrencyAndDay["USD"].Values.Sum());
    }

    [Fact]
    public async Task InBinaryModeTheTypeHeaderStillChoosesTheHandler()
    {
        await using var host = await AnalyticsHost.StartAsync();
        using var sidecar = host.Fabric.App(AppIds.AnalyticsService).CreateSidecarClient();
        using var request = BinaryMode(AnalyticsRoutes.Orders, AnalyticsHost.Confirmed("o-1"), type: EventTypes.Of<PaymentCompleted>().CloudEventType);

        Assert.Equal("DROP", await StatusAsync(sidecar, request));
        Assert.Equal(0, (await host.SummaryAsync()).EventsRecorded);
        // The reason names the type from the ce-type header, so the header, not the body, chose.
        var note = Assert.Single(host.Fabric.PubSub.PublishedTo(Topics.DeadLetters)).DataAs<DeadLetterNote>();
        Assert.Contains(EventTypes.Of<PaymentCompleted>().CloudEventType, note.Reason, StringComparison.Ordinal);
    }

    private static string WithDataBase64(JsonObject envelope)
    {
        var data = envelope["data"]!.ToJsonString();
        envelope.Remove("data");
        envelope["data_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data));
        return envelope.ToJsonString();
    }

    private static HttpRequestMessage BinaryMode<TEvent>(string route, TEvent integrationEvent, string? type = null) where TEvent : IIntegrationEvent
    {
        var declared = EventTypes.Of<TEvent>();
        return CloudEvents.PostBinary(route, declared.Topic, type ?? declared.CloudEventType, integrationEvent.EventId.ToString(),
            JsonSerializer.Serialize(integrationEvent, JsonDefaults.Options), source: AppIds.OrderService);
    }

    private static async Task<string?> StatusAsync(HttpClient sidecar, HttpRequestMessage request)
    {
        using (request)
        using (var response = await sidecar.SendAsync(request))
        {
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonObject>())?["status"]?.GetValue<string>();
        }
    }
}
