namespace CloudPatterns.Web;

/// <summary>
/// Where the site finds the public API: the gateway's /api, in every environment; and, on a local run only, the payment
/// provider simulator's knobs.
/// </summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The gateway's public API, e.g. http://localhost:5100/api/ under `dapr run -f .`.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = null!;

    /// <summary>How long the live order page waits between two looks at the order (live.js reads it from the page).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00")]
    public TimeSpan LiveRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The payment provider simulator (e.g. http://localhost:5199/ under `dapr run -f .`), whose knobs the operations
    /// console turns; unset where there are none to turn (Azure, a real provider): the console then shows the circuit only.
    /// </summary>
    public Uri? PaymentSimulatorUrl { get; set; }
}
