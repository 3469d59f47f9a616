namespace CloudPatterns.Testing.PubSub;

public enum DeliveryOutcome
{
    /// <summary>2xx with SUCCESS or no status.</summary>
    Success,

    /// <summary>RETRY, a non-2xx answer other than 404, or no answer: delivered again later.</summary>
    Retry,

    /// <summary>2xx with DROP: not redelivered; forwarded to the dead-letter topic when the subscription names one.</summary>
    Drop,

    /// <summary>404: dropped with a warning, not dead-lettered.</summary>
    NotFound,

    /// <summary>No routing rule matched and there is no default route: acknowledged and ignored.</summary>
    NoRoute,
}
