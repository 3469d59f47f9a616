namespace CloudPatterns.ProductService.Inventory;

/// <summary>
/// Reserves, commits and releases an order's stock across its SKUs, all or nothing. Each SKU is its own
/// actor, so the coordinator reserves line by line and gives back what it took when a later line is short.
/// The decision is recorded once per order (<see cref="OrderReservation"/>); repeats of any event find it.
/// If the process dies half-way, the redelivered event completes the work, and the holds' reminders
/// release anything an order never comes back for.
/// </summary>
public sealed partial class ReservationCoordinator(
    InventoryItems inventory,
    ReservationStore reservations,
    EventPublisher publisher,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<ReservationCoordinator> logger)
{
    public async Task<OrderReservation> ReserveAsync(OrderCreated order, CancellationToken cancellationToken)
    {
        var (existing, _) = await reservations.GetAsync(order.OrderId, cancellationToken);
        var reservation = existing ?? await DecideAsync(order, cancellationToken);
        await PublishOutcomeAsync(reservation, cancellationToken);
        return reservation;
    }

    /// <summary>
    /// Makes the order's holds permanent. Null when the order has no reservation yet. The actor calls are idempotent
    /// per order, so a commit repeated after a lost race (or a redelivery) takes nothing twice; running out of
    /// attempts to record it is a failure, never a success.
    /// </summary>
    public async Task<OrderReservation?> CommitAsync(string orderId, CancellationToken cancellationToken)
    {
        var result = await reservations.UpdateAsync(orderId, async reservation =>
        {
            if (reservation is not { Status: OrderReservationStatus.Reserved })
            {
                if (reservation?.Status is OrderReservationStatus.Insufficient or OrderReservationStatus.Released)
                {
                    LogCommitIgnored(logger, orderId, reservation.Status);
                }

                return UpdateDecision<OrderReservation>.Keep();
            }

            foreach (var line in reservation.Lines)
            {
                var commit = await inventory.For(line.Sku).CommitAsync(new CommitRequest(orderId, line.Quantity));
                if (commit.Status == CommitStatus.Shortfall)
                {
                    LogShortfall(logger, orderId, line.Sku, commit.Shortfall);
                }
            }

            return UpdateDecision<OrderReservation>.Write(reservation with { Status = OrderReservationStatus.Committed, UpdatedAt = time.GetUtcNow() });
        }, cancellationToken);
        return result.ValueOrThrow();
    }

    /// <summary>Gives back whatever the order holds. Idempotent, and safe before the reservation exists; exhausted attempts are a failure.</summary>
    public async Task<OrderReservation> ReleaseAsync(string orderId, IReadOnlyList<OrderLine> knownLines, CancellationToken cancellationToken)
    {
        var result = await reservations.UpdateAsync(orderId, async reservation =>
        {
            if (reservation is { Status: not OrderReservationStatus.Reserved })
            {
                return UpdateDecision<OrderReservation>.Keep();
            }

            var lines = reservation?.Lines ?? Merge(knownLines);
            await GiveBackAsync(orderId, lines);

            var now = time.GetUtcNow();
            return UpdateDecision<OrderReservation>.Write(reservation is null
                ? new OrderReservation(orderId, OrderReservationStatus.Released, lines, [], now, Guid.Empty, now, now)
                : reservation with { Status = OrderReservationStatus.Released, UpdatedAt = now });
        }, cancellationToken);
        return result.ValueOrThrow()!;
    }

    private async Task<OrderReservation> DecideAsync(OrderCreated order, CancellationToken cancellationToken)
    {
        var lines = Merge(order.Lines);
        var holdFor = options.Value.HoldTime;
        var held = new List<OrderLine>();
        var shortages = new List<StockShortage>();
        var closed = false;

        foreach (var line in lines)
        {
            var item = inventory.For(line.Sku);
            if (shortages.Count > 0 || closed)
            {
                // Already failing: only find out which other lines are short, without holding anything.
                var stock = await item.GetStockAsync();
                if (stock.Available < line.Quantity)
                {
                    shortages.Add(new StockShortage(line.Sku, line.Quantity, stock.Available));
                }

                continue;
            }

            var result = await item.ReserveAsync(new ReserveRequest(order.OrderId, line.Quantity, holdFor));
            switch (result.Status)
            {
                case ReservationStatus.Reserved or ReservationStatus.AlreadyReserved:
                    held.Add(line);
                    break;
                case ReservationStatus.Insufficient:
                    shortages.Add(new StockShortage(line.Sku, line.Quantity, result.Available));
                    break;
                case ReservationStatus.Closed:
                    closed = true;
                    break;
            }
        }

        var status = (closed, shortages.Count) switch
        {
            (true, _) => OrderReservationStatus.Released,
            (_, > 0) => OrderReservationStatus.Insufficient,
            _ => OrderReservationStatus.Reserved,
        };

        // The decision is recorded before any hold goes back: a hold given back before a failed write would answer the
        // redelivery "closed", which reads as a cancellation, and the shortage would never be announced. (Holds a
        // failure leaves after the write go back with their reminders.)
        var now = time.GetUtcNow();
        var decision = new OrderReservation(order.OrderId, status, lines, shortages, now + holdFor, Guid.NewGuid(), now, now, order.CustomerId);
        if (await reservations.TrySaveAsync(order.OrderId, decision, etag: null, cancellationToken))
        {
            if (status != OrderReservationStatus.Reserved)
            {
                await GiveBackAsync(order.OrderId, held);
            }

            return decision;
        }

        // Another writer recorded the order first, and that record stands: a concurrent delivery of the same event
        // (its holds are these same holds, one per order and SKU), or a release. A release that came before any
        // reservation knew no lines to give back, so the holds taken here go back now rather than when they expire.
        var (winner, _) = await reservations.GetAsync(order.OrderId, cancellationToken);
        if (winner is { Status: not OrderReservationStatus.Reserved and not OrderReservationStatus.Committed })
        {
            await GiveBackAsync(order.OrderId, held);
        }

        return winner ?? throw new InvalidOperationException($"Reservation for order {order.OrderId} vanished after a write conflict.");
    }

    private async Task GiveBackAsync(string orderId, IEnumerable<OrderLine> lines)
    {
        foreach (var line in lines)
        {
            await inventory.For(line.Sku).ReleaseAsync(orderId);
        }
    }

    private Task PublishOutcomeAsync(OrderReservation reservation, CancellationToken cancellationToken) => reservation.Status switch
    {
        OrderReservationStatus.Reserved or OrderReservationStatus.Committed => publisher.PublishAsync(
            new InventoryReserved(reservation.OutcomeEventId, reservation.DecidedAt, reservation.OrderId, reservation.Lines, reservation.HeldUntil),
            cancellationToken),
        OrderReservationStatus.Insufficient => publisher.PublishAsync(
            new InventoryInsufficient(reservation.OutcomeEventId, reservation.DecidedAt, reservation.OrderId, reservation.Shortages, reservation.CustomerId),
            cancellationToken),
        _ => Task.CompletedTask,
    };

    private static List<OrderLine> Merge(IEnumerable<OrderLine> lines) =>
        lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new OrderLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was confirmed but its reservation is {Status}; nothing to commit")]
    private static partial void LogCommitIgnored(ILogger logger, string orderId, OrderReservationStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} was confirmed after its hold on {Sku} expired and {Shortfall} units were sold meanwhile")]
    private static partial void LogShortfall(ILogger logger, string orderId, string sku, int shortfall);
}
