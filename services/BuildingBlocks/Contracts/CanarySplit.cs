namespace CloudPatterns.Contracts;

/// <summary>
/// GET /api/admin/canary, the gateway's own answer (read by the operations console): one canary as configured (the
/// candidate is null when none is deployed) and as served - the requests this gateway replica sent to the stable
/// version and to the candidate since it started.
/// </summary>
public sealed record CanarySplit(string App, string? Candidate, int Percent, long ServedStable, long ServedCandidate);
