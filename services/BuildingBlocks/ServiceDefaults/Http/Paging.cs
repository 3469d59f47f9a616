using CloudPatterns.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudPatterns.ServiceDefaults.Http;

/// <summary>Pages of a listing, the same way in every service: page 1 first, the offset computed in 64 bits.</summary>
public static class Paging
{
    /// <summary>A 400 naming the field when the page or its size is out of range; null when both are fine.</summary>
    public static ValidationProblem? Problem(int page, int pageSize, int maxPageSize) =>
        page < 1 ? ProblemResults.Invalid("page", "must be 1 or more")
        : pageSize < 1 || pageSize > maxPageSize ? ProblemResults.Invalid("pageSize", $"must be between 1 and {maxPageSize}")
        : null;

    /// <summary>The items of <paramref name="page"/>; past the end (page 2147483647 included) there are none.</summary>
    public static List<T> Slice<T>(IReadOnlyCollection<T> items, int page, int pageSize)
    {
        var offset = ((long)page - 1) * pageSize;
        return offset >= items.Count ? [] : items.Skip((int)offset).Take(pageSize).ToList();
    }
}
