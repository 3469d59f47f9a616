namespace CloudPatterns.EndToEnd.Systems;

/// <summary>
/// The whole system as a user on the machine it runs on sees it: the gateway (the only public entry), plus the few
/// probes a developer has beside it - the email folder, a sidecar to invoke an app or publish through, and the payment
/// provider simulator's knobs. Scenarios use nothing else, so the same scenario runs on the in-process fabric and
/// against the real Dapr runtime.
/// </summary>
public interface ISystemUnderTest
{
    /// <summary>What a failure message calls this system ("the fabric", "dapr run -f .").</summary>
    string Name { get; }

    /// <summary>
    /// True when time is the fabric's fake clock, moved by <see cref="PassTimeAsync"/>; false when it is the real clock
    /// and <see cref="PassTimeAsync"/> waits.
    /// </summary>
    bool HasFakeClock { get; }

    /// <summary>The system's current time, for tokens a scenario signs itself.</summary>
    DateTimeOffset Now { get; }

    /// <summary>A client of the gateway (base address: the gateway's root), with this bearer token or none.</summary>
    HttpClient Gateway(string? bearerToken = null);

    /// <summary>
    /// A client of <paramref name="appId"/>'s sidecar HTTP API (base address: its root), as `curl http://localhost:36xx/v1.0/...`
    /// reaches it: invoke (the target sees this app as the caller) and publish (the event's source is this app).
    /// </summary>
    HttpClient Sidecar(string appId, string? bearerToken = null);

    /// <summary>The payment provider simulator's own API (its knobs: /simulator/settings).</summary>
    HttpClient PaymentProvider();

    /// <summary>Every file the email binding wrote so far (components/local/email.yaml: .data/mail).</summary>
    Task<IReadOnlyList<MailFile>> MailAsync();

    /// <summary>
    /// Lets the system run for about <paramref name="duration"/>: on the fabric, moves the fake clock (timers, retries and
    /// breakers fire); on a real runtime, waits that long. Every wait of a scenario is a poll that calls this.
    /// </summary>
    Task PassTimeAsync(TimeSpan duration);
}

/// <summary>One message the email binding wrote: its file name and text.</summary>
public sealed record MailFile(string FileName, string Text);
