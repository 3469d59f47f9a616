namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// One SKU's stock: on hand, and holds per order. A hold that is neither committed nor released within
/// its hold time is released by a reminder, so an order that vanished cannot keep stock forever.
/// </summary>
[Actor(TypeName = TypeName)]
public sealed partial class InventoryItemActor(ActorHost host, TimeProvider time) : Actor(host), IInventoryItem, IRemindable
{
    public const string TypeName = "InventoryItem";

    /// <summary>How long closed holds are remembered so late or duplicate messages stay harmless.</summary>
    public static readonly TimeSpan TombstoneRetention = TimeSpan.FromDays(7);

    private const string StateName = "stock";
    private const string HoldReminderPrefix = "hold:";

    private string Sku => Id.GetId();

    public async Task<StockLevel> GetStockAsync() => (await LoadAsync()).ToLevel(Sku);

    public async Task<StockLevel> InitializeAsync(int onHand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        var state = await LoadAsync();
        if (!state.Initialized)
        {
            state = state with { OnHand = onHand, Initialized = true };
            await SaveAsync(state);
        }

        return state.ToLevel(Sku);
    }

    public async Task<SetStockResult> SetOnHandAsync(int onHand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        var state = await LoadAsync();
        if (onHand < state.Reserved)
        {
            return new SetStockResult(false, state.ToLevel(Sku));
        }

        state = state with { OnHand = onHand, Initialized = true };
        await SaveAsync(state);
        return new SetStockResult(true, state.ToLevel(Sku));
    }

    public async Task<ReservationResult> ReserveAsync(ReserveRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OrderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.HoldFor, TimeSpan.Zero);

        var state = await LoadAsync();
        if (state.Holds.TryGetValue(request.OrderId, out var existing))
        {
            return new ReservationResult(
                existing.Status == HoldStatus.Held ? ReservationStatus.AlreadyReserved : ReservationStatus.Closed, state.Available);
        }

        if (request.Quantity > state.Available)
        {
            return new ReservationResult(ReservationStatus.Insufficient, state.Available);
        }

        var now = time.GetUtcNow();
        state = state.WithHold(request.OrderId, new StockHold(request.Quantity, now + request.HoldFor, HoldStatus.Held));
        await SaveAsync(state);
        await RegisterReminderAsync(HoldReminderPrefix + request.OrderId, null, request.HoldFor, Timeout.InfiniteTimeSpan);
        return new ReservationResult(ReservationStatus.Reserved, state.Available);
    }

    public async Task<bool> ReleaseAsync(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var state = await LoadAsync();
        var now = time.GetUtcNow();

        if (!state.Holds.TryGetValue(orderId, out var hold))
        {
            // Released before it was ever reserved (messages can arrive out of order): remember that,
            // so the late reservation is refused instead of holding stock nobody will confirm.
            await SaveAsync(state.WithHold(orderId, new StockHold(0, now, HoldStatus.Released, now)));
            return false;
        }

        if (hold.Status != HoldStatus.Held)
        {
            return false;
        }

        await SaveAsync(state.WithHold(orderId, hold.Close(HoldStatus.Released, now)));
        await UnregisterReminderAsync(HoldReminderPrefix + orderId);
        return true;
    }

    public async Task<CommitResult> CommitAsync(CommitRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OrderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        var state = await LoadAsync();
        var now = time.GetUtcNow();
        state.Holds.TryGetValue(request.OrderId, out var hold);

        switch (hold?.Status)
        {
            case HoldStatus.Held:
                await SaveAsync(state.WithHold(request.OrderId, hold.Close(HoldStatus.Committed, now)) with { OnHand = state.OnHand - hold.Quantity });
                await UnregisterReminderAsync(HoldReminderPrefix + request.OrderId);
                return new CommitResult(CommitStatus.Committed, 0);

            case HoldStatus.Committed:
                return new CommitResult(CommitStatus.AlreadyCommitted, 0);
        }

        // The hold is gone (expired, or released before this confirmation arrived): take the stock now if it is still there.
        if (request.Quantity > state.Available)
        {
            return new CommitResult(CommitStatus.Shortfall, request.Quantity - Math.Max(state.Available, 0));
        }

        var committed = new StockHold(request.Quantity, now, HoldStatus.Committed, now);
        await SaveAsync(state.WithHold(request.OrderId, committed) with { OnHand = state.OnHand - request.Quantity });
        return new CommitResult(CommitStatus.CommittedLate, 0);
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (!reminderName.StartsWith(HoldReminderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var orderId = reminderName[HoldReminderPrefix.Length..];
        var stock = await LoadAsync();
        if (!stock.Holds.TryGetValue(orderId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now < hold.ExpiresAt)
        {
            // Fired early (clock skew between hosts): wait for the rest of the hold.
            await RegisterReminderAsync(reminderName, null, hold.ExpiresAt - now, Timeout.InfiniteTimeSpan);
            return;
        }

        await SaveAsync(stock.WithHold(orderId, hold.Close(HoldStatus.Expired, now)));
        LogHoldExpired(Logger, Sku, orderId, hold.Quantity);
    }

    private async Task<InventoryState> LoadAsync()
    {
        var loaded = await StateManager.TryGetStateAsync<InventoryState>(StateName);
        return loaded.HasValue ? loaded.Value : InventoryState.Empty;
    }

    private Task SaveAsync(InventoryState state) =>
        StateManager.SetStateAsync(StateName, state.Purge(time.GetUtcNow(), TombstoneRetention));

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold on {Quantity} x {Sku} for order {OrderId} expired and was released")]
    private static partial void LogHoldExpired(ILogger logger, string sku, string orderId, int quantity);
}
