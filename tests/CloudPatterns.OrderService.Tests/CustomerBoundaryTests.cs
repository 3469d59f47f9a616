namespace CloudPatterns.OrderService.Tests;

/// <summary>A customer acts only for themselves: another customer's orders are refused, or answered as if they did not exist.</summary>
public sealed class CustomerBoundaryTests
{
    [Fact]
    public async Task ACustomerCannotOrderOrListOrdersForSomeoneElse()
    {
        await using var shop = await ShopHost.StartAsync();
        using var bob = AsCustomer(shop, "bob");

        using var order = await bob.PostAsJsonAsync("orders", OrderRequests.For(customerId: "ada"));
        using var list = await bob.GetAsync("customers/ada/orders");

        Assert.Equal(HttpStatusCode.Forbidden, order.StatusCode);
        Assert.Equal("Customers place orders as themselves; only an admin may order for someone else.", (await order.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal("Customers see their own orders only.", (await list.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty(shop.Fabric.PubSub.PublishedTo("orders.submitted"));
    }

    [Fact]
    public async Task AnotherCustomersOrderIsNotFoundToReadOrToCancel()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For(customerId: "ada"));
        using var bob = AsCustomer(shop, "bob");

        using var read = await bob.GetAsync($"orders/{orderId}");
        using var cancel = await bob.PostAsync($"orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal($"No order {orderId} yet. A just-accepted order appears within moments; retry after a second.", (await read.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal($"No order {orderId}.", (await cancel.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.False(shop.WriteModel(orderId).CancelRequested);
        Assert.Equal(OrderStatus.ReservingInventory, shop.WriteModel(orderId).Status);
    }

    /// <summary>A customer's requests as the gateway's sidecar delivers them.</summary>
    private static HttpClient AsCustomer(ShopHost shop, string customerId) =>
        shop.Fabric.App(AppIds.OrderService).CreateSidecarClient(() => shop.Fabric.Tokens.Customer(customerId), "gateway");
}
