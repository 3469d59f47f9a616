namespace CloudPatterns.Hosting.Http;

/// <summary>
/// Pages of a listing, the same way in every service: page 1 first, the offset computed in 64 bits. Endpoints
/// declare the bounds on their page and pageSize parameters with these messages.
/// </summary>
public static class Paging
{
    public const string PageMessage = "must be 1 or more";

    public const string PageSizeMessage = "must be between {1} and {2}";

    /// <summary>The items of <paramref name="page"/>; past the end (page 2147483647 included) there are none.</summary>
    public static List<T> Slice<T>(IReadOnlyCollection<T> items, int page, int pageSize)
    {
        var offset = ((long)page - 1) * pageSize;
        return offset >= items.Count ? [] : items.Skip((int)offset).Take(pageSize).ToList();
    }
}
