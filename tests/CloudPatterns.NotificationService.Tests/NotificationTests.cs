namespace CloudPatterns.NotificationService.Tests;

public sealed class NotificationTests
{
    [Fact]
    public async Task AConfirmedOrderIsEmailedToTheCustomersDefaultAddressAsAFileADeveloperCanOpen()
    {
        await using var host = await NotificationHost.StartAsync();

        var status = await host.DeliverAsync(NotificationHost.Confirmed("4f1c2d3e-aaaa-bbbb-cccc-000000000001"));

        Assert.Equal("SUCCESS", status);
        var email = Assert.Single(host.Emails);
        Assert.Equal("create", email.Operation);
        Assert.Equal("ada@example.com", email.Metadata["emailTo"]);
        Assert.Equal("orders@cloudpatterns.example", email.Metadata["emailFrom"]);
        Assert.Equal("Your order 4f1c2d3e is confirmed", email.Metadata["subject"]);
        var file = Encoding.UTF8.GetString(Assert.Single(host.Mailbox.Files).Value);
        Assert.Contains("Hello ada,", file, StringComparison.Ordinal);
        Assert.Contains("2 x Desk lamp (LAMP-DESK-LED)  79.80 USD", file, StringComparison.Ordinal);
        Assert.StartsWith("OrderConfirmed-ntf_", email.Metadata["fileName"], StringComparison.Ordinal);
        Assert.Empty(host.Texts);
    }

    [Fact]
    public async Task ARefundIsToldOnceWithWhatStaysCharged()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada@example.com", "+447700900123", SmsOptIn: true));
        PaymentRefunded Refund(decimal amount, decimal remaining) => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "order-7", "pay-7", $"refund-{amount}",
            new Money(amount, "USD"), new Money(remaining, "USD"), "ada");

        var statuses = new[] { await host.DeliverAsync(Refund(5m, 74.80m)), await host.DeliverAsync(Refund(74.80m, 0m)) };

        Assert.Equal(["SUCCESS", "SUCCESS"], statuses);
        Assert.Equal("Your refund for order order-7", Assert.Single(host.Emails).Metadata["subject"]);
        Assert.Contains("Hello ada,", NotificationHost.Text(Assert.Single(host.Emails)), StringComparison.Ordinal);
        Assert.Contains("We have refunded 5.00 USD for your order order-7", Encoding.UTF8.GetString(Assert.Single(host.Mailbox.Files).Value), StringComparison.Ordinal);
        Assert.Contains("74.80 USD of the payment stays charged.", Encoding.UTF8.GetString(Assert.Single(host.Mailbox.Files).Value), StringComparison.Ordinal);
        Assert.Equal("CloudPatterns: 5.00 USD refunded for order order-7.", NotificationHost.Text(Assert.Single(host.Texts)));
    }

    [Fact]
    public async Task ACustomerWhoOptedInGetsATextTooAtTheAddressesTheySaved()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada.lovelace@example.org", "+447700900123", SmsOptIn: true));

        await host.DeliverAsync(NotificationHost.Dispatched("order-1"));

        Assert.Equal("ada.lovelace@example.org", Assert.Single(host.Emails).Metadata["emailTo"]);
        var text = Assert.Single(host.Texts);
        Assert.Equal("+447700900123", text.Metadata["toNumber"]);
        Assert.StartsWith("Shipped-ntf_", text.Metadata["fileName"], StringComparison.Ordinal);
        Assert.Contains("Hello ada,", NotificationHost.Text(Assert.Single(host.Emails)), StringComparison.Ordinal);
        Assert.Equal("CloudPatterns: order order-1 shipped with ParcelCo, tracking PA000000000042.", NotificationHost.Text(text));
    }

    [Fact]
    public async Task APhoneWithoutOptInGetsNoText()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput(null, "+447700900123", SmsOptIn: false));

        var status = await host.DeliverAsync(NotificationHost.Dispatched("order-1"));

        Assert.Equal("SUCCESS", status); // handled, and nothing to send
        Assert.Empty(host.Texts);
        Assert.Empty(host.Emails); // no email address saved either: nobody to write to
        Assert.Contains(host.Logs.Lines, l => l.Contains("No channel to send Shipped for order order-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSameEventDeliveredAgainSendsNothingMore()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada@example.com", "+447700900123", SmsOptIn: true));
        var confirmed = NotificationHost.Confirmed("order-1");

        var statuses = new[] { await host.DeliverAsync(confirmed), await host.DeliverAsync(confirmed), await host.DeliverAsync(confirmed) };

        Assert.All(statuses, s => Assert.Equal("SUCCESS", s));
        Assert.Single(host.Emails);
        Assert.Single(host.Texts);
    }

    [Fact]
    public async Task ConcurrentDuplicatesSendOnceAndTheOthersRetryUntilItIsSent()
    {
        await using var host = await NotificationHost.StartAsync();
        var confirmed = NotificationHost.Confirmed("order-1");

        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.DeliverAsync(confirmed)));
        var redelivered = await Task.WhenAll(first.Where(s => s == "RETRY").Select(_ => host.DeliverAsync(confirmed)));

        Assert.All(first, s => Assert.Contains(s, new[] { "SUCCESS", "RETRY" }));
        Assert.All(redelivered, s => Assert.Equal("SUCCESS", s));
        Assert.Single(host.Emails);
    }

    [Theory]
    [InlineData(RejectionReasons.OutOfStock)]
    [InlineData(RejectionReasons.PaymentFailed)]
    public async Task TwoEventsWithTheSameNewsMakeOneMessage(string reason)
    {
        await using var host = await NotificationHost.StartAsync();

        if (reason == RejectionReasons.OutOfStock)
        {
            await host.DeliverAsync(NotificationHost.Insufficient("order-1"));
        }
        else
        {
            await host.DeliverAsync(new Contracts.Events.PaymentFailed(Guid.NewGuid(), DateTimeOffset.UtcNow, "order-1", "pay_1",
                new Contracts.Money(10m, "USD"), "card declined", "ada"));
        }

        await host.DeliverAsync(NotificationHost.Rejected("order-1", reason));

        var email = Assert.Single(host.Emails);
        Assert.Contains(reason == RejectionReasons.OutOfStock ? "POSTER-LIMITED: you asked for 11, we have 10" : "(card declined)",
            NotificationHost.Text(email), StringComparison.Ordinal);
        Assert.Contains("Hello ada,", NotificationHost.Text(email), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachDifferentPieceOfNewsForAnOrderIsItsOwnMessage()
    {
        await using var host = await NotificationHost.StartAsync();

        await host.DeliverAsync(NotificationHost.Confirmed("order-1"));
        await host.DeliverAsync(NotificationHost.Dispatched("order-1"));
        await host.DeliverAsync(NotificationHost.Rejected("order-2", RejectionReasons.InventoryTimeout));

        Assert.Equal(
            ["Your order order-1 is confirmed", "Your order order-1 is on its way", "Your order order-2 could not be accepted"],
            host.Emails.Select(e => e.Metadata["subject"]));
    }

    [Fact]
    public async Task AnEventThatNamesNoCustomerIsAcknowledgedWithNothingSent()
    {
        await using var host = await NotificationHost.StartAsync();

        var status = await host.DeliverAsync(NotificationHost.Insufficient("order-1", customerId: null));

        Assert.Equal("SUCCESS", status);
        Assert.Empty(host.Fabric.Bindings.Calls);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Nobody to tell about OutOfStock for order order-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSenderAndTheDefaultDomainComeFromConfiguration()
    {
        await using var host = await NotificationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:EmailFrom"] = "shop@cloudpatterns.example",
            ["Notifications:DefaultEmailDomain"] = "customers.example",
        });

        await host.DeliverAsync(NotificationHost.Confirmed("order-1"));

        var email = Assert.Single(host.Emails);
        Assert.Equal("shop@cloudpatterns.example", email.Metadata["emailFrom"]);
        Assert.Equal("ada@customers.example", email.Metadata["emailTo"]);
    }

    [Fact]
    public async Task ASenderThatIsNoEmailAddressStopsTheServiceFromStarting()
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () =>
        {
            await using var host = await NotificationHost.StartAsync(new Dictionary<string, string?> { ["Notifications:EmailFrom"] = "the shop" });
        });

        Assert.Contains("EmailFrom", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>What the store keeps of a notification: the sends it took, when it was first tried and the event that caused it, and when it went.</summary>
    [Fact]
    public async Task ANotificationsRecordKeepsItsFirstEventItsAttemptsAndWhenItWasSent()
    {
        await using var host = await NotificationHost.StartAsync();
        var confirmed = NotificationHost.Confirmed("order-1");
        var firstTried = host.Fabric.Time.GetUtcNow();
        host.Mailbox.FailWith = new IOException("mail relay unreachable");
        await host.DeliverAsync(confirmed);
        var id = Delivery.NotificationIds.For("order-1", Messages.NotificationKind.OrderConfirmed, Delivery.Channel.Email);
        var (failed, _) = await host.Service<Delivery.NotificationRecordStore>().GetAsync(id, CancellationToken.None);
        await host.Fabric.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        host.Mailbox.FailWith = null;

        await host.DeliverAsync(confirmed with { EventId = Guid.NewGuid() });
        var (sent, _) = await host.Service<Delivery.NotificationRecordStore>().GetAsync(id, CancellationToken.None);

        Assert.Equal(Delivery.NotificationStatus.Sending, failed!.Status);
        Assert.Null(failed.LeaseUntil);
        Assert.Equal("error invoking output binding email", failed.LastError);
        Assert.Equal(Delivery.NotificationStatus.Sent, sent!.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(confirmed.EventId, sent.SourceEventId);
        Assert.Equal(firstTried, sent.CreatedAt);
        Assert.Equal(firstTried.AddMinutes(1), sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal("ada@example.com", sent.Recipient);
    }

    [Fact]
    public async Task NoEmailAddressOrPhoneNumberIsWrittenToTheLogs()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada.lovelace@example.org", "+447700900123", SmsOptIn: true));

        await host.DeliverAsync(NotificationHost.Confirmed("order-1"));

        Assert.True(host.Logs.Lines.Any(l => l.Contains("Sent OrderConfirmed for order order-1 by Sms", StringComparison.Ordinal)), string.Join("\n", host.Logs.Lines));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("ada.lovelace", StringComparison.Ordinal) || l.Contains("7700900123", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("Line one\nLine \"two\" \\ three\tend")]
    [InlineData("Café ✓ 🚚 arrives")]
    [InlineData("a\r\nb \u0007 bell")]
    public void MessagesGoToTheBindingsAsGoStringsThatKeepEveryCharacter(string text)
    {
        var quoted = Delivery.ChannelSender.GoQuoted(text);

        Assert.StartsWith("\"", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain("\\ud83d", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', quoted);
        Assert.Equal(text, System.Text.Json.JsonSerializer.Deserialize<string>(quoted));
    }
}
