namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>A message no subscriber can take ends in the dead letters, where an admin sees why and replays it.</summary>
public abstract partial class EndToEndScenarios
{
    [Fact]
    public async Task APoisonMessageIsDeadLetteredWithItsReasonAndAReplayDeliversItAgain()
    {
        using var admin = await AdminAsync();
        var messageId = $"e2e-poison-{Guid.NewGuid():N}";
        var orderId = $"o-broken-{Guid.NewGuid():N}";

        // Published through order-service's sidecar as `curl -X POST localhost:3602/v1.0/publish/pubsub/orders.submitted` would.
        using (var sidecar = Shop.Sidecar("order-service"))
        using (var poison = new StringContent($$"""{"orderId":"{{orderId}}","lines":"not a list"}""", Encoding.UTF8, "application/json"))
        {
            using var published = await sidecar.PostAsync(
                $"/v1.0/publish/pubsub/orders.submitted?metadata.cloudevent.id={messageId}&metadata.cloudevent.type=cloudpatterns.orders.submitted.v1", poison);
            Assert.True(published.IsSuccessStatusCode, $"Publishing answered {(int)published.StatusCode}");
        }

        var deadLetter = await EventuallyAsync($"dead letter {messageId} with its reason",
            () => DeadLetterAsync(admin, messageId), d => d?["reason"] is not null && d["attempts"]!.GetValue<int>() == 1);
        Assert.Equal("orders.submitted", deadLetter!["topic"]!.GetValue<string>());
        Assert.Equal("order-service", deadLetter["droppedBy"]!.GetValue<string>());
        Assert.Contains("malformed OrderSubmitted", deadLetter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/admin/dead-letters");
        Assert.Contains(listed!, d => d!["messageId"]!.GetValue<string>() == messageId);

        using var replay = await admin.PostAsync($"/api/admin/dead-letters/{messageId}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replays"]!.GetValue<int>());

        // Still malformed, so order-service drops it again and it comes back: delivered once more, and no order made of it.
        var again = await EventuallyAsync($"dead letter {messageId} to come back after the replay",
            () => DeadLetterAsync(admin, messageId), d => d!["attempts"]!.GetValue<int>() == 2);
        Assert.Equal(1, again!["replays"]!.GetValue<int>());
        using var order = await admin.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
        using var unknown = await admin.PostAsync($"/api/admin/dead-letters/{Guid.NewGuid():N}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<JsonObject?> DeadLetterAsync(HttpClient admin, string messageId)
    {
        using var response = await admin.GetAsync($"/api/admin/dead-letters/{messageId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
    }
}
