namespace CloudPatterns.EndToEnd.Scenarios;

/// <summary>
/// The end-to-end scenarios, written once against the public API through the gateway (and the few probes of
/// <see cref="ISystemUnderTest"/>). Each derived class runs every one of them against one kind of system:
/// <see cref="OnTheFabric"/> here, <see cref="OnRealDapr"/> wherever the Dapr CLI and runtime exist. Every wait is a
/// poll with a deadline on the system's clock; nothing assumes a fresh system (ids are new per scenario, stock is read
/// or set first), so the scenarios also run against a system that has been up for a while.
/// </summary>
public abstract partial class EndToEndScenarios : IAsyncLifetime
{
    /// <summary>How long a scenario waits for what should happen: generous, for a real runtime on a slow machine.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Between two polls: on the fabric, how far its clock moves; on a real runtime, at most the poll interval.</summary>
    protected static readonly TimeSpan PollStep = TimeSpan.FromSeconds(5);

    private static readonly HashSet<string> s_finalStatuses = ["Rejected", "PaymentFailed", "Cancelled", "Shipped"];

    private SystemLease? _lease;

    /// <summary>The system this scenario runs on: taken before the scenario starts, released after it ends.</summary>
    protected ISystemUnderTest Shop => _lease?.System ?? throw new InvalidOperationException("The scenario's system was not started.");

    /// <summary>A system to run one scenario on, and what to do with it afterwards.</summary>
    protected abstract Task<SystemLease> StartAsync();

    public async ValueTask InitializeAsync() => _lease = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A user id no earlier run used, so a long-running system's state never matters.</summary>
    protected static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)];

    /// <summary>A token from the gateway's POST /dev/token, as the README's `token` function gets one (for a day).</summary>
    protected async Task<string> TokenAsync(string userId, string role)
    {
        using var gateway = Shop.Gateway();
        using var response = await gateway.PostAsJsonAsync("/dev/token", new { userId, roles = new[] { role }, lifetimeMinutes = 24 * 60 });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /dev/token on {Shop.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>A new customer, signed in at the gateway.</summary>
    protected async Task<Customer> CustomerAsync(string name)
    {
        var id = NewUser(name);
        return new Customer(id, Shop.Gateway(await TokenAsync(id, "customer")));
    }

    /// <summary>A new admin, signed in at the gateway.</summary>
    protected async Task<HttpClient> AdminAsync() => Shop.Gateway(await TokenAsync(NewUser("ops"), "admin"));

    /// <summary>POST /api/orders; asserts 202 with a Location and returns the order id.</summary>
    protected static async Task<string> PlaceOrderAsync(Customer customer, string card, string sku, int quantity)
    {
        using var response = await customer.Client.PostAsJsonAsync("/api/orders", OrderRequests.For(customer.Id, card, (sku, quantity)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/orders answered {(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.Location);
        return JsonNode.Parse(body)!["orderId"]!.GetValue<string>();
    }

    /// <summary>
    /// Polls GET /api/orders/{id} until the order reaches one of the final statuses, and returns it. The order's view is
    /// a read model, projected from its events: until the first one arrives it answers 404, which here means "not yet".
    /// </summary>
    protected async Task<JsonObject> FinalOrderAsync(HttpClient customer, string orderId) =>
        (await EventuallyAsync($"order {orderId} to reach a final status ({string.Join(", ", s_finalStatuses)})",
            () => OrderAsync(customer, orderId), order => order is not null && s_finalStatuses.Contains(Status(order))))!;

    /// <summary>
    /// Places an order (<see cref="PlaceOrderAsync"/>), waits for it to reach a final status (<see cref="FinalOrderAsync"/>)
    /// and asserts that it is <paramref name="status"/>; returns the order's id and the order then.
    /// </summary>
    protected async Task<(string Id, JsonObject Order)> PlaceOrderThatEndsAsync(string status, Customer customer, string card, string sku, int quantity)
    {
        var orderId = await PlaceOrderAsync(customer, card, sku, quantity);
        var order = await FinalOrderAsync(customer.Client, orderId);
        Assert.Equal(status, Status(order));
        return (orderId, order);
    }

    /// <summary>GET /api/orders/{id}: the order, or null while its view does not exist yet.</summary>
    protected static async Task<JsonObject?> OrderAsync(HttpClient customer, string orderId)
    {
        using var response = await customer.GetAsync($"/api/orders/{orderId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"GET /api/orders/{orderId} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    /// <summary>GET /api/orders/{id}/shipment: the shipment's status (Dispatched, Cancelled), or null when the order has none.</summary>
    protected static async Task<string?> ShipmentStatusAsync(HttpClient customer, string orderId)
    {
        using var response = await customer.GetAsync($"/api/orders/{orderId}/shipment");
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }

    protected static string Status(JsonObject order) => order["status"]!.GetValue<string>();

    /// <summary>GET /api/products/{sku}/stock (open to anyone).</summary>
    protected async Task<(int OnHand, int Reserved, int Available)> StockAsync(string sku)
    {
        using var anonymous = Shop.Gateway();
        var stock = (await anonymous.GetFromJsonAsync<JsonObject>($"/api/products/{sku}/stock"))!;
        return (stock["onHand"]!.GetValue<int>(), stock["reserved"]!.GetValue<int>(), stock["available"]!.GetValue<int>());
    }

    /// <summary>
    /// Makes at least <paramref name="available"/> units of <paramref name="sku"/> available (PUT …/stock, as an admin, when
    /// there are fewer), and returns the stock then.
    /// </summary>
    protected async Task<(int OnHand, int Reserved, int Available)> EnsureStockAsync(string sku, int available)
    {
        var stock = await StockAsync(sku);
        if (stock.Available < available)
        {
            using var admin = await AdminAsync();
            using var response = await admin.PutAsJsonAsync($"/api/products/{sku}/stock", new { onHand = stock.Reserved + available });
            Assert.True(response.IsSuccessStatusCode, $"PUT /api/products/{sku}/stock answered {(int)response.StatusCode}");
            stock = await StockAsync(sku);
        }

        return stock;
    }

    /// <summary>Polls the email folder until messages about this order arrive that satisfy <paramref name="done"/>.</summary>
    protected Task<IReadOnlyList<MailFile>> MailAboutAsync(string orderId, Func<IReadOnlyList<MailFile>, bool> done, string what) =>
        EventuallyAsync<IReadOnlyList<MailFile>>($"{what} in the email folder about order {orderId}",
            async () => (await Shop.MailAsync()).Where(m => m.Text.Contains(orderId, StringComparison.Ordinal)).ToList(),
            done);

    /// <summary>
    /// Reads <paramref name="read"/> until <paramref name="done"/> holds, letting time pass between reads, for at most
    /// <see cref="Patience"/> on the system's clock; then fails naming what it waited for and what it last saw.
    /// </summary>
    protected async Task<T> EventuallyAsync<T>(string what, Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Shop.Now + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (Shop.Now >= deadline)
            {
                Assert.Fail($"Waited {Patience.TotalMinutes} minutes on {Shop.Name} for {what}; last seen: {Describe(value)}");
            }

            await Shop.PassTimeAsync(PollStep);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        JsonNode node => node.ToJsonString(),
        IEnumerable<MailFile> mail => $"[{string.Join(" | ", mail.Select(m => m.FileName))}]",
        _ => $"{value}",
    };
}

/// <summary>A customer: their user id and a gateway client with their token.</summary>
public sealed record Customer(string Id, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>The system one scenario runs on; disposing it releases it (stops it, for a system started for that scenario alone).</summary>
public sealed class SystemLease(ISystemUnderTest system, Func<ValueTask> release) : IAsyncDisposable
{
    public ISystemUnderTest System { get; } = system;

    public ValueTask DisposeAsync() => release();
}
