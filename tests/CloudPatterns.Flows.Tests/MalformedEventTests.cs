using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudPatterns.AnalyticsService.Pipeline;
using CloudPatterns.Contracts;
using CloudPatterns.Contracts.Events;
using CloudPatterns.Testing.Hosting;

namespace CloudPatterns.Flows.Tests;

/// <summary>
/// Every route every service subscribed, fed what a broken or hostile publisher could send. Each answer must be
/// DROP: not SUCCESS (the event would be lost without a trace) and not a failure or RETRY (Dapr would redeliver
/// a message that can never succeed until it gives up). A dropped event with an id leaves a note with its reason.
/// </summary>
public sealed class MalformedEventTests
{
    [Fact]
    public async Task EverySubscriberDropsWhatItCannotReadAndNotesWhy()
    {
        await using var system = await SystemHost.StartAsync();
        // Two routes take anything by design: the dead-letter keeper (where the unreadable ends up) and the analytics
        // pipeline's default route (what its rules filter out is acknowledged and counted, never read).
        var routes = system.Fabric.PubSub.Subscriptions
            .Where(s => s.Topic != Topics.DeadLetters)
            .SelectMany(s => s.Rules.Select(r => r.Path).Append(s.DefaultRoute).OfType<string>().Select(route => (s.AppId, s.Topic, Route: route)))
            .Where(r => r.Route != AnalyticsRoutes.Unrouted)
            .Distinct()
            .ToList();
        Assert.Contains(routes, r => r.AppId == AppIds.ImageProcessor);
        Assert.Contains(routes, r => r.AppId == AppIds.AnalyticsService);

        var wrong = new List<string>();
        var expectedNotes = new List<string>();
        foreach (var (appId, topic, route) in routes)
        {
            var type = EventTypes.All.Values.FirstOrDefault(e => e.Topic == topic)?.CloudEventType ?? $"cloudpatterns.{topic}.v1";
            foreach (var (name, request, messageId) in Malformed(topic, type, route, $"{appId}{route}".Replace('/', '.')))
            {
                using var client = system.Fabric.App(appId).CreateSidecarClient();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = response.IsSuccessStatusCode ? JsonNode.Parse(body)?["status"]?.GetValue<string>() : null;
                if (status != "DROP")
                {
                    wrong.Add($"{appId} {route} {name}: {(int)response.StatusCode} {body}");
                }
                else if (messageId is not null)
                {
                    expectedNotes.Add(messageId);
                }
            }
        }

        await system.Fabric.WaitForQuietAsync();
        Assert.Empty(wrong);
        var noted = system.Fabric.PubSub.PublishedTo(Topics.DeadLetters).Select(m => m.DataAs<DeadLetterNote>()).ToList();
        Assert.Empty(expectedNotes.Except(noted.Select(n => n.MessageId)));
        Assert.All(noted, note => Assert.False(string.IsNullOrWhiteSpace(note.Reason)));
        Assert.DoesNotContain(system.Fabric.PubSub.Published, m => m.Topic != Topics.DeadLetters);
    }

    /// <summary>Structured envelopes with data that is not the event, unreadable envelopes, and binary-mode deliveries.</summary>
    private static IEnumerable<(string Name, HttpRequestMessage Request, string? MessageId)> Malformed(string topic, string type, string route, string idPrefix)
    {
        var deep = string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
        var structured = new (string Name, Action<JsonObject> Change)[]
        {
            ("no data", e => e.Remove("data")),
            ("null data", e => e["data"] = null),
            ("empty object", e => e["data"] = new JsonObject()),
            ("text", e => e["data"] = "an order, probably"),
            ("a list", e => e["data"] = new JsonArray(1, 2, 3)),
            ("wrong kinds", e => e["data"] = new JsonObject { ["eventId"] = 42, ["occurredAt"] = "yesterday", ["orderId"] = true, ["customerId"] = new JsonArray() }),
            ("unknown id kind", e => e["data"] = new JsonObject { ["eventId"] = "not-a-guid", ["occurredAt"] = "2025-06-01T09:00:00Z" }),
            ("base64 that is not", e => { e.Remove("data"); e["data_base64"] = "!!!"; }),
            ("base64 of half a JSON", e => { e.Remove("data"); e["data_base64"] = Convert.ToBase64String("{\"eventId\":"u8.ToArray()); }),
            ("nested too deep", e => { e.Remove("data"); e["data_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(deep)); }),
        };

        foreach (var (name, change) in structured)
        {
            var id = $"{idPrefix}.{name.Replace(' ', '-')}";
            var envelope = CloudEvents.Envelope(topic, type, id, null);
            change(envelope);
            yield return (name, CloudEvents.Post(route, envelope.ToJsonString()), id);
        }

        yield return ("an envelope that is not JSON", CloudEvents.Post(route, "this is not json"), null);
        yield return ("an envelope that is a list", CloudEvents.Post(route, "[]"), null);

        foreach (var (name, body) in new[] { ("binary mode, empty object", "{}"), ("binary mode, not JSON", "<order/>") })
        {
            var id = $"{idPrefix}.{name.Replace(' ', '-').Replace(",", "")}";
            var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/')) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (attribute, value) in new[] { ("specversion", "1.0"), ("id", id), ("type", type), ("source", "somewhere"), ("topic", topic), ("pubsubname", Topics.PubSub) })
            {
                request.Headers.TryAddWithoutValidation($"ce-{attribute}", value);
            }

            yield return (name, request, id);
        }
    }
}
