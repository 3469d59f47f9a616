namespace CloudPatterns.NotificationService.Tests;

/// <summary>Failures on the way to the customer: the binding, the store, and the crash window that remains.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task WhenTheMailBindingFailsTheEventIsRetriedAndTheMessageSentOnceItRecovers()
    {
        await using var host = await NotificationHost.StartAsync();
        var confirmed = NotificationHost.Confirmed("order-1");

        host.Mailbox.FailWith = new IOException("mail relay unreachable");
        var duringOutage = await host.DeliverAsync(confirmed);
        var sentDuringOutage = host.Mailbox.Files.Count;
        host.Mailbox.FailWith = null;
        var afterwards = await host.DeliverAsync(confirmed);

        Assert.Equal("RETRY", duringOutage);
        Assert.Equal(0, sentDuringOutage);
        Assert.Equal("SUCCESS", afterwards);
        Assert.Single(host.Mailbox.Files);
    }

    [Fact]
    public async Task ABindingThatStaysDownSendsTheEventToTheDeadLetterTopicAfterTheRetryBudget()
    {
        await using var host = await NotificationHost.StartAsync();
        host.Mailbox.FailWith = new IOException("mail relay unreachable");
        var orderService = new EventPublisher(host.Fabric.ClientFor(AppIds.OrderService));

        await orderService.PublishAsync(NotificationHost.Confirmed("order-1"));
        await host.Fabric.WaitForQuietAsync();

        var deadLetter = Assert.Single(host.Fabric.PubSub.DeadLettered);
        Assert.Equal(OrderConfirmed.Topic, deadLetter.Topic);
        var attempts = host.Fabric.PubSub.Deliveries.Where(d => d.Message.Id == deadLetter.Id).ToList();
        Assert.Equal(host.Fabric.Resiliency.ComponentInbound(AppIds.NotificationService, "pubsub").Retry!.MaxAttempts, attempts.Count);
        Assert.Contains(host.Logs.Lines, l => l.Contains("will be redelivered: the Email binding failed", StringComparison.Ordinal));
        Assert.Empty(host.Mailbox.Files);
    }

    [Fact]
    public async Task WhileTheStoreIsDownNothingIsSent()
    {
        await using var host = await NotificationHost.StartAsync();
        host.Fabric.StateStore("notification-store").Unavailable = true;

        var status = await host.DeliverAsync(NotificationHost.Rejected("order-1", RejectionReasons.Invalid));

        Assert.Equal("RETRY", status);
        Assert.Empty(host.Fabric.Bindings.Calls);
    }

    /// <summary>
    /// The store took the claim but its answer was lost (the sidecar's 5 s timeout fired first). The delivery knows the
    /// claim for its own and sends; taken for another delivery's, its 30 s lease would outlast every redelivery (3.5 s)
    /// and the event would be dead-lettered with nothing sent.
    /// </summary>
    [Fact]
    public async Task AClaimWhoseAnswerWasLostIsKnownForItsOwnAndTheMessageIsSent()
    {
        await using var host = await NotificationHost.StartAsync();
        var confirmed = NotificationHost.Confirmed("order-1");
        var key = $"notification:{NotificationIds.For("order-1", NotificationKind.OrderConfirmed, Channel.Email)}";
        host.Fabric.StateStore("notification-store").LoseNextAnswer(key);

        var status = await host.DeliverAsync(confirmed);

        Assert.Equal("SUCCESS", status);
        Assert.Single(host.Emails);
    }

    /// <summary>The same for a claim taken over the record of an earlier attempt (its ETag): its lost answer is known too.</summary>
    [Fact]
    public async Task AClaimOverAnEarlierAttemptWhoseAnswerWasLostIsKnownForItsOwn()
    {
        await using var host = await NotificationHost.StartAsync();
        var confirmed = NotificationHost.Confirmed("order-1");
        var key = $"notification:{NotificationIds.For("order-1", NotificationKind.OrderConfirmed, Channel.Email)}";
        host.Mailbox.FailWith = new IOException("mail relay unreachable");
        var duringOutage = await host.DeliverAsync(confirmed);
        host.Mailbox.FailWith = null;
        host.Fabric.StateStore("notification-store").LoseNextAnswer(key);

        var afterwards = await host.DeliverAsync(confirmed);

        Assert.Equal("RETRY", duringOutage);
        Assert.Equal("SUCCESS", afterwards);
        Assert.Single(host.Mailbox.Files);
    }

    /// <summary>The documented window: sent, then the process dies (here: the store fails) before recording it.</summary>
    [Fact]
    public async Task ACrashBetweenSendingAndRecordingItSendsAgainOnlyOnceTheLeaseHasPassed()
    {
        await using var host = await NotificationHost.StartAsync();
        var store = host.Fabric.StateStore("notification-store");
        host.Fabric.Bindings.Use("email", new StoreFailsAfterSending(host.Mailbox, store));
        var confirmed = NotificationHost.Confirmed("order-1");

        var crashed = await host.DeliverAsync(confirmed);
        store.Unavailable = false;
        var redeliveredWithinLease = await host.DeliverAsync(confirmed);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromSeconds(30)); // the 30-second lease is over at its last instant
        var redeliveredAfterLease = await host.DeliverAsync(confirmed);
        var redeliveredAgain = await host.DeliverAsync(confirmed);

        Assert.Equal("RETRY", crashed);
        Assert.Equal("RETRY", redeliveredWithinLease);
        Assert.Equal("SUCCESS", redeliveredAfterLease);
        Assert.Equal("SUCCESS", redeliveredAgain);
        Assert.Equal(2, host.Emails.Count);
    }

    private sealed class StoreFailsAfterSending(IOutputBinding inner, InMemoryStateStore store) : IOutputBinding
    {
        private int _sends;

        public async Task<BindingResponse> InvokeAsync(BindingRequest request, CancellationToken cancellationToken)
        {
            var response = await inner.InvokeAsync(request, cancellationToken);
            if (Interlocked.Increment(ref _sends) == 1)
            {
                store.Unavailable = true;
            }

            return response;
        }
    }
}
