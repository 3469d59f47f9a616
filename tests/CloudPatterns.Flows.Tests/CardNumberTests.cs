namespace CloudPatterns.Flows.Tests;

/// <summary>
/// A card number belongs to the payment provider: the customer types it into the provider's page and the shop gets
/// a token. Whichever way a number reaches the shop, no state store, event, workflow, binding call or log line of
/// ours may hold it.
/// </summary>
public sealed class CardNumberTests
{
    private const string CardNumber = "4000056655665556";

    [Fact]
    public async Task ATokenizedCardPaysAndItsNumberIsNowhereInTheShop()
    {
        await using var system = await SystemHost.StartAsync();
        using var provider = system.ProviderClient();
        using var tokenized = await provider.PostAsJsonAsync("v1/tokens", new CardTokenRequest(CardNumber, 12, 2031, "123"));
        var token = (await tokenized.Content.ReadFromJsonAsync<CardTokenResponse>(JsonDefaults.Options))!.Token;

        var orderId = await system.PlaceOrderAsync(OrderRequests.For("ada", token, ("MUG-CLASSIC-350", 1)));

        Assert.Equal(OrderStatus.Shipped, (await system.OrderAsync(orderId)).Status);
        AssertNowhere(system, CardNumber);
    }

    [Theory]
    [InlineData(CardNumber)]
    [InlineData("4000 0566 5566 5556")]
    [InlineData("tok_4000-0566-5566-5556")]
    public async Task ACardNumberSentAsTheTokenIsRefusedAndKeptNowhere(string token)
    {
        await using var system = await SystemHost.StartAsync();

        using var response = await system.Client(AppIds.OrderService).PostAsJsonAsync("orders", OrderRequests.For("ada", token, ("MUG-CLASSIC-350", 1)));
        await system.Fabric.WaitForQuietAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["payment.token"], errors.Select(e => e.Key));
        Assert.DoesNotContain(token, errors.ToJsonString(), StringComparison.Ordinal);
        AssertNowhere(system, token);
    }

    private static void AssertNowhere(SystemHost system, string cardNumber)
    {
        var digits = new string(cardNumber.Where(char.IsAsciiDigit).ToArray());
        var places = system.Fabric.StateStores
            .SelectMany(store => store.Snapshot().Select(entry => ($"state {store.Name}/{entry.Key}", entry.Key + Encoding.UTF8.GetString(entry.Value))))
            .Concat(system.Fabric.PubSub.Published.Select(m => ($"event on {m.Topic}", m.CloudEvent.ToJsonString())))
            .Concat(system.Fabric.Workflows(AppIds.OrderService).Instances.Select(w => ($"workflow {w.InstanceId}", $"{w.SerializedInput} {w.SerializedOutput} {w.SerializedCustomStatus}")))
            .Concat(system.Fabric.Bindings.Calls.Select(c => ($"binding {c.BindingName}", Encoding.UTF8.GetString(c.Data) + string.Join(" ", c.Metadata.Values))))
            .Concat(system.Logs.Lines.Select(line => ("log", line)))
            .ToList();

        Assert.NotEmpty(system.Logs.Lines);
        Assert.Empty(places.Where(p => p.Item2.Contains(cardNumber, StringComparison.Ordinal) || p.Item2.Contains(digits, StringComparison.Ordinal))
            .Select(p => p.Item1));
    }
}
