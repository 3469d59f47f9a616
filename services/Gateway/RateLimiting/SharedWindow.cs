namespace CloudPatterns.Gateway.RateLimiting;

/// <summary>
/// One caller's window for one limit, as every replica sees it in gateway-store: when it began, and how many permits
/// replicas have leased from it so far. It only grows until the window ends.
/// </summary>
public sealed record SharedWindow(DateTimeOffset Start, int Leased);
