namespace CloudPatterns.OrderService.Tests;

/// <summary>order-service and the real product-service on one fabric, with payment-service played by the test.</summary>
public sealed class ShopHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _apps = [];

    private ShopHost(DaprTestFabric fabric) => Fabric = fabric;

    public DaprTestFabric Fabric { get; }

    public FakePaymentService Payments { get; } = new();

    public HttpClient Orders { get; private set; } = null!;

    public HttpClient Products { get; private set; } = null!;

    public DaprAppFactory<OrderServiceApp> OrderApp { get; private set; } = null!;

    public WorkflowRunner Workflows => Fabric.Workflows(AppIds.OrderService);

    public static async Task<ShopHost> StartAsync(Action<DaprTestFabric>? arrange = null, Action<IWebHostBuilder>? configureOrders = null)
    {
        var host = new ShopHost(new DaprTestFabric());
        arrange?.Invoke(host.Fabric);

        var products = await new DaprAppFactory<ProductServiceApp>(host.Fabric, AppIds.ProductService).StartAsync();
        await products.Services.GetRequiredService<CatalogSeeder>().Seeded.WaitAsync(TimeSpan.FromSeconds(30));
        var orders = await new DaprAppFactory<OrderServiceApp>(host.Fabric, AppIds.OrderService, configureOrders).StartAsync();
        var payments = await host.Payments.StartAsync(host.Fabric);

        host._apps.AddRange([orders, products, payments]);
        host.OrderApp = orders;
        host.Orders = orders.CreateTrustedClient();
        host.Products = products.CreateTrustedClient();
        return host;
    }

    /// <summary>POSTs an order and lets the system run until it is quiet; returns the order id.</summary>
    public async Task<string> SubmitAsync(object order, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = JsonContent.Create(order) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeys.Header, idempotencyKey);
        }

        using var response = await Orders.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<OrderAccepted>(JsonDefaults.Options);
        await Fabric.WaitForQuietAsync();
        return accepted!.OrderId;
    }

    /// <summary>
    /// An order for one desk lamp whose workflow fails: product-service cannot price it for longer than ValidateOrder's
    /// retries (15 s). The catalog answers again afterwards, so a retry can finish it.
    /// </summary>
    public async Task<string> SubmitAnOrderWhoseWorkflowFailsAsync()
    {
        var catalog = Fabric.StateStore("product-store");
        catalog.Unavailable = true;
        var orderId = await SubmitAsync(OrderRequests.For(lines: [("LAMP-DESK-LED", 1)]));
        await Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        catalog.Unavailable = false;
        return orderId;
    }

    /// <summary>An admin takes a product off sale (active: false), as it is otherwise.</summary>
    public async Task TakeOffSaleAsync(string sku)
    {
        using var read = await Products.GetAsync($"products/{sku}");
        var product = (await read.Content.ReadFromJsonAsync<Product>(JsonDefaults.Options))!;
        using var update = new HttpRequestMessage(HttpMethod.Put, $"products/{sku}")
        {
            Content = JsonContent.Create(
                new UpdateProductRequest(product.Name, product.Description, product.Category, new PriceInput(product.Price.Amount, product.Price.Currency), Active: false),
                options: JsonDefaults.Options),
        };
        update.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        using var updated = await Products.SendAsync(update);
        updated.EnsureSuccessStatusCode();
    }

    public async Task<OrderView> ViewAsync(string orderId) => (await Orders.GetFromJsonAsync<OrderView>($"orders/{orderId}", JsonDefaults.Options))!;

    /// <summary>Asserts that the order's view reads the status it ended in, and the reason it ended so.</summary>
    public async Task AssertEndedAsync(string orderId, OrderStatus status, string reason)
    {
        var view = await ViewAsync(orderId);
        Assert.Equal(status, view.Status);
        Assert.Equal(reason, view.StatusReason);
    }

    public OrderRecord WriteModel(string orderId) =>
        Fabric.ReadState<OrderRecord>(AppIds.OrderService, DaprComponents.OrderStore, OrderStore.Key(orderId))
        ?? throw new InvalidOperationException($"Order {orderId} is not in order-store.");

    /// <summary>What the order's (finished) workflow returned: the status it ended in and why.</summary>
    public OrderWorkflowResult WorkflowResult(string orderId) =>
        Workflows.Serializer.Deserialize<OrderWorkflowResult>(Workflows.Instance(orderId).SerializedOutput!)!;

    /// <summary>The workflow's custom status: the last step it reported, and any problem holding it there.</summary>
    public OrderProgress WorkflowProgress(string orderId) =>
        Workflows.Serializer.Deserialize<OrderProgress>(Workflows.Instance(orderId).SerializedCustomStatus!)!;

    public async Task<StockLevel> StockAsync(string sku) =>
        (await Products.GetFromJsonAsync<StockLevel>($"products/{sku}/stock", JsonDefaults.Options))!;

    public async ValueTask DisposeAsync()
    {
        Orders.Dispose();
        Products.Dispose();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }
}
