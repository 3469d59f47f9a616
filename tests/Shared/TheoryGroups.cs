namespace CloudPatterns.Testing;

/// <summary>
/// Theory rows written a group at a time: one test case for each value, with the key its group shares. A table of bad
/// inputs then reads by the field each must name, a table of routes by the app they reach, requests by the status
/// they are answered with.
/// </summary>
public static class TheoryGroups
{
    public static TheoryData<TKey, string> Of<TKey>(params (TKey Key, string[] Values)[] groups)
    {
        var rows = new TheoryData<TKey, string>();
        foreach (var (key, values) in groups)
        {
            foreach (var value in values)
            {
                rows.Add(key, value);
            }
        }
        return rows;
    }
}
