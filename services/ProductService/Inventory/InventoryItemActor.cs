namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// One SKU's stock: on hand, and holds per order. A hold that is neither committed nor released within
/// its hold time is released by a reminder, so an order that vanished cannot keep stock forever. A closed hold is
/// remembered for a week in a record of its own, so the stock record holds only what is open.
/// </summary>
[Actor(TypeName = TypeName)]
public sealed partial class InventoryItemActor(ActorHost host, TimeProvider time) : Actor(host), IInventoryItem, IRemindable
{
    public const string TypeName = "InventoryItem";

    /// <summary>How long closed holds are remembered so late or duplicate messages stay harmless.</summary>
    public static readonly TimeSpan TombstoneRetention = TimeSpan.FromDays(7);

    private const string StateName = "stock";
    private const string HoldReminderPrefix = "hold:";
    private const string ClosedHoldPrefix = "closed:";

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
        if (await FindHoldAsync(state, request.OrderId) is { } existing)
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
        await RemindAsync(request.OrderId, request.HoldFor);
        return new ReservationResult(ReservationStatus.Reserved, state.Available);
    }

    public async Task<bool> ReleaseAsync(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var state = await LoadAsync();
        var now = time.GetUtcNow();

        switch (await FindHoldAsync(state, orderId))
        {
            case null:
                // Released before it was ever reserved (messages can arrive out of order): remember that,
                // so the late reservation is refused instead of holding stock nobody will confirm.
                await CloseAsync(state, orderId, new StockHold(0, now, HoldStatus.Released, now));
                return false;

            case { Status: HoldStatus.Held } hold:
                await CloseAsync(state, orderId, hold.Close(HoldStatus.Released, now));
                return true;

            default:
                return false;
        }
    }

    public async Task<CommitResult> CommitAsync(CommitRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OrderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        var state = await LoadAsync();
        var now = time.GetUtcNow();
        var hold = await FindHoldAsync(state, request.OrderId);

        switch (hold?.Status)
        {
            case HoldStatus.Held:
                await CloseAsync(state, request.OrderId, hold.Close(HoldStatus.Committed, now), taken: hold.Quantity);
                return new CommitResult(CommitStatus.Committed, 0);

            case HoldStatus.Committed:
                return new CommitResult(CommitStatus.AlreadyCommitted, 0);
        }

        // The hold is gone (expired, or released before this confirmation arrived): take the stock now if it is still there.
        if (request.Quantity > state.Available)
        {
            return new CommitResult(CommitStatus.Shortfall, request.Quantity - Math.Max(state.Available, 0));
        }

        await CloseAsync(state, request.OrderId, new StockHold(request.Quantity, now, HoldStatus.Committed, now), taken: request.Quantity);
        return new CommitResult(CommitStatus.CommittedLate, 0);
    }

    /// <summary>
    /// A hold's one reminder: due when the hold expires (an open hold is released), then, once the hold is closed, at the
    /// end of its retention (its record is forgotten).
    /// </summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (!reminderName.StartsWith(HoldReminderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var orderId = reminderName[HoldReminderPrefix.Length..];
        var stock = await LoadAsync();
        var now = time.GetUtcNow();
        if (stock.Holds.TryGetValue(orderId, out var open))
        {
            // A closed hold here was closed before closed holds had records of their own: the next save forgets it once
            // the retention is over (InventoryState.Purge).
            if (open.Status == HoldStatus.Held)
            {
                await ExpireAsync(stock, orderId, open, now);
            }

            return;
        }

        var closed = await StateManager.TryGetStateAsync<StockHold>(ClosedHoldPrefix + orderId);
        if (!closed.HasValue)
        {
            return;
        }

        var forgetIn = closed.Value.ClosedAt!.Value + TombstoneRetention - now;
        if (forgetIn > TimeSpan.Zero)
        {
            // Fired early (clock skew between hosts, or a reminder already on its way when the hold closed).
            await RemindAsync(orderId, forgetIn);
            return;
        }

        await StateManager.RemoveStateAsync(ClosedHoldPrefix + orderId);
    }

    private async Task ExpireAsync(InventoryState stock, string orderId, StockHold hold, DateTimeOffset now)
    {
        if (now < hold.ExpiresAt)
        {
            // Fired early (clock skew between hosts): wait for the rest of the hold.
            await RemindAsync(orderId, hold.ExpiresAt - now);
            return;
        }

        await CloseAsync(stock, orderId, hold.Close(HoldStatus.Expired, now));
        LogHoldExpired(Logger, Sku, orderId, hold.Quantity);
    }

    /// <summary>An open hold is in the stock record; a closed one has a record of its own.</summary>
    private async Task<StockHold?> FindHoldAsync(InventoryState state, string orderId)
    {
        if (state.Holds.TryGetValue(orderId, out var hold))
        {
            return hold;
        }

        var closed = await StateManager.TryGetStateAsync<StockHold>(ClosedHoldPrefix + orderId);
        return closed.HasValue ? closed.Value : null;
    }

    /// <summary>
    /// Takes a hold out of the stock record (and what it took off the shelf) and keeps it in a record of its own until its
    /// reminder, now due at the end of the retention, forgets it. Both records are saved in the turn's one transaction. Kept
    /// in the stock record, a busy SKU's week of closed holds outgrew what a DynamoDB item holds (400 KB).
    /// </summary>
    private async Task CloseAsync(InventoryState state, string orderId, StockHold closed, int taken = 0)
    {
        await SaveAsync(state.WithoutHold(orderId) with { OnHand = state.OnHand - taken });
        await StateManager.SetStateAsync(ClosedHoldPrefix + orderId, closed);
        // Saved before the reminder moves to the end of the retention: if the save fails, the reminder that brought an
        // expiry here is still the one due, and the scheduler tries it again; moved first, the hold would stay Held a week.
        await StateManager.SaveStateAsync();
        await RemindAsync(orderId, TombstoneRetention);
    }

    // Registered again from its own callback, the reminder survives its firing: the scheduler deletes a spent one-shot job
    // only if nobody put it again meanwhile (diagridio/go-etcd-cron internal/counter/counter.go, tickNext, read at v0.12.4;
    // daprd v1.18.3 takes v0.12.7).
    private async Task RemindAsync(string orderId, TimeSpan dueIn) =>
        await RegisterReminderAsync(HoldReminderPrefix + orderId, null, dueIn, Timeout.InfiniteTimeSpan);

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
