namespace CloudPatterns.Web.Operations;

/// <summary>The simulator's knobs as the Payment provider page's form holds them: whole percent and milliseconds.</summary>
public sealed class KnobsForm
{
    /// <summary>The statuses a failing request may be answered with, and what a provider means by each.</summary>
    public static readonly IReadOnlyList<(int Code, string Meaning)> FailureStatuses =
    [
        (503, "Service Unavailable"),
        (500, "Internal Server Error"),
        (502, "Bad Gateway"),
        (504, "Gateway Timeout"),
        (429, "Too Many Requests"),
    ];

    public int FailureRatePercent { get; set; }

    public int FailNext { get; set; }

    public int FailureStatus { get; set; } = 503;

    public int LatencyMilliseconds { get; set; }

    public static KnobsForm From(SimulatorKnobs knobs) => new()
    {
        FailureRatePercent = (int)Math.Round(knobs.FailureRate * 100),
        FailNext = knobs.FailNext,
        FailureStatus = knobs.FailureStatus,
        LatencyMilliseconds = (int)Math.Round(knobs.Latency.TotalMilliseconds),
    };

    public SimulatorKnobs ToKnobs() =>
        new(FailureRatePercent / 100.0, TimeSpan.FromMilliseconds(LatencyMilliseconds), FailNext, FailureStatus);

    /// <summary>What is wrong with the form, field by field as the page names them, or null when the knobs may be applied.</summary>
    public ApiProblem? Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (FailureRatePercent is < 0 or > 100)
        {
            errors["failureRate"] = ["Give a failure rate from 0 to 100 %."];
        }

        if (FailNext is < 0 or > 1000)
        {
            errors["failNext"] = ["Give from 0 to 1000 requests."];
        }

        if (!FailureStatuses.Any(s => s.Code == FailureStatus))
        {
            errors["failureStatus"] = [$"Choose one of {string.Join(", ", FailureStatuses.Select(s => s.Code))}."];
        }

        if (LatencyMilliseconds is < 0 or > 30_000)
        {
            errors["latency"] = ["Give a latency from 0 to 30000 ms."];
        }

        return errors.Count == 0 ? null : new ApiProblem(HttpStatusCode.BadRequest, "These knobs cannot be applied.", null, errors);
    }
}
