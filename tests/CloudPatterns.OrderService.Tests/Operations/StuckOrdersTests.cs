namespace CloudPatterns.OrderService.Tests.Operations;

/// <summary>
/// The stuck-orders view's threshold, and an admin's retry and terminate: what they answer when there is nothing to retry
/// or end, and a failed run ended. (How a stuck order is listed and got moving again: Workflow/SettlementTests.)
/// </summary>
public sealed class StuckOrdersTests
{
    [Fact]
    public async Task AnOrderIsListedOnlyOnceItHasNotMovedForLongerThanTheThreshold()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For());

        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(3));
        var atTheThreshold = await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=3", JsonDefaults.Options);
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(1));
        var pastIt = await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=3", JsonDefaults.Options);

        Assert.Empty(atTheThreshold!);
        Assert.Equal(orderId, Assert.Single(pastIt!).OrderId);
    }

    /// <summary>The threshold is at least a minute and at most a week, in whole minutes.</summary>
    [Theory]
    [InlineData("0")]
    [InlineData("10081")]
    [InlineData("an hour")]
    public async Task TheStuckThresholdIsJudgedLikeAnyInput(string minutes) =>
        await BadRequests.AssertQueryRefusedAsync($"admin/orders/stuck?olderThanMinutes={minutes}", "olderThanMinutes");

    /// <summary>The view needs each order's workflow: while the workflow API cannot be reached it is unavailable (503, to retry), not an error (500).</summary>
    [Fact]
    public async Task WhileTheWorkflowApiIsUnreachableTheViewIsUnavailableNotAnError()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        await shop.SubmitAsync(OrderRequests.For());
        shop.Workflows.Options.ClientFailure = StatusCode.Unavailable;

        using var response = await shop.Orders.GetAsync("admin/orders/stuck?olderThanMinutes=1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("A dependency of this service is unavailable.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    /// <summary>Only a transient gRPC failure is 503: a refusal that asking again cannot change (a bug in the call) is an error.</summary>
    [Theory]
    [InlineData(StatusCode.Unavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(StatusCode.DeadlineExceeded, HttpStatusCode.ServiceUnavailable)]
    [InlineData(StatusCode.Internal, HttpStatusCode.ServiceUnavailable)]
    [InlineData(StatusCode.InvalidArgument, HttpStatusCode.InternalServerError)]
    [InlineData(StatusCode.PermissionDenied, HttpStatusCode.InternalServerError)]
    public async Task AWorkflowApiFailureIsUnavailableOnlyWhenAskingAgainCanHelp(StatusCode failure, HttpStatusCode answer)
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        await shop.SubmitAsync(OrderRequests.For());
        shop.Workflows.Options.ClientFailure = failure;

        using var response = await shop.Orders.GetAsync("admin/orders/stuck?olderThanMinutes=1");

        Assert.Equal(answer, response.StatusCode);
    }

    [Fact]
    public async Task StuckOrdersAreListedOldestFirstEachSinceItLastMoved()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var firstAt = shop.Fabric.Time.GetUtcNow();
        var first = await shop.SubmitAsync(OrderRequests.For());
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        var secondAt = shop.Fabric.Time.GetUtcNow();
        var second = await shop.SubmitAsync(OrderRequests.For());
        await shop.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(2)); // within the inventory timeout: both still wait for stock

        var stuck = (await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck?olderThanMinutes=1", JsonDefaults.Options))!;

        Assert.Equal([first, second], stuck.Select(s => s.OrderId));
        Assert.Equal([firstAt, secondAt], stuck.Select(s => s.Since));
    }

    [Fact]
    public async Task AnOrderWhoseWorkflowWasTerminatedIsListedAtOnce()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For());

        shop.Workflows.Terminate(orderId, null);
        var entry = Assert.Single((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!);

        Assert.Equal(orderId, entry.OrderId);
        Assert.Equal("Terminated", entry.Workflow);
        Assert.Equal("CheckInventory", entry.Step);
        Assert.Null(entry.LastError);
    }

    [Fact]
    public async Task AnOrderWithNoWorkflowIsListedAsMissingAndTerminatingItStartsOneToCancelIt()
    {
        await using var shop = await ShopHost.StartAsync();
        var submittedAt = shop.Fabric.Time.GetUtcNow();
        var orderId = await shop.SubmitAnOrderWhoseWorkflowFailsAsync();
        Assert.True(shop.Workflows.Purge(orderId));

        var entry = Assert.Single((await shop.Orders.GetFromJsonAsync<List<StuckOrder>>("admin/orders/stuck", JsonDefaults.Options))!);
        using var terminate = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal("Missing", entry.Workflow);
        Assert.Equal("no workflow is running for it", entry.LastError);
        Assert.Null(entry.Step);
        Assert.Equal(OrderStatus.Validating, entry.Status);
        Assert.Equal(submittedAt, entry.Since); // when its summary last changed
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(OrderStatus.Cancelled, (await shop.ViewAsync(orderId)).Status);
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("terminate")]
    public async Task RetryingOrTerminatingAnUnknownOrderIsNotFoundNamingIt(string action)
    {
        await using var shop = await ShopHost.StartAsync();

        using var response = await shop.Orders.PostAsync($"admin/orders/nope/{action}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No order nope.", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task ASettledOrderHasNothingToRetryOrTerminateAndStaysAsItWas()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await shop.SubmitAsync(OrderRequests.For());

        using var retry = await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null);
        using var terminate = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal($"Order {orderId} is settled (Confirmed); there is nothing to retry.", (await retry.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Conflict, terminate.StatusCode);
        Assert.Equal($"Order {orderId} is already Confirmed and can no longer be cancelled.", (await terminate.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(OrderStatus.Confirmed, shop.WriteModel(orderId).Status);
        Assert.Equal(0, shop.Payments.RefundCalls);
    }

    [Fact]
    public async Task AnOrderWhoseWorkflowStillRunsIsNotRetriedButMayBeTerminated()
    {
        await using var shop = await ShopHost.StartAsync();
        using var productsDeaf = shop.Fabric.PubSub.PauseDeliveriesTo(AppIds.ProductService);
        var orderId = await shop.SubmitAsync(OrderRequests.For());

        using var retry = await shop.Orders.PostAsync($"admin/orders/{orderId}/retry", null);
        using var terminate = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(
            $"The workflow of order {orderId} is Running; it is not stuck in a failure. Terminate it to end the order.", (await retry.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(OrderStatus.Cancelled, shop.WriteModel(orderId).Status);
        Assert.Equal("ended by an admin", shop.WriteModel(orderId).StatusReason);
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
    }

    [Fact]
    public async Task TerminatingAnOrderWhoseWorkflowFailedRunsItAgainToCancelIt()
    {
        await using var shop = await ShopHost.StartAsync();
        var orderId = await shop.SubmitAnOrderWhoseWorkflowFailsAsync();
        var failed = shop.Workflows.Instance(orderId).Status;

        using var terminate = await shop.Orders.PostAsync($"admin/orders/{orderId}/terminate", null);
        await shop.Fabric.WaitForQuietAsync();

        Assert.Equal(WorkflowRuntimeStatus.Failed, failed);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await shop.AssertEndedAsync(orderId, OrderStatus.Cancelled, "ended by an admin");
        Assert.Equal(WorkflowRuntimeStatus.Completed, shop.Workflows.Instance(orderId).Status);
        Assert.Equal(0, shop.Payments.ChargeCalls);
    }
}
