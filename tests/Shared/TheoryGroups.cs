namespace CloudPatterns.Testing;

/// <summary>
/// Theory rows written a group at a time: one test case for each value, with the key its group shares. A table of bad
/// inputs then reads by the field each must name, and a table of routes by the method each is called with.
/// </summary>
public static class TheoryGroups
{
    public static TheoryData<string, string> Of(params (string Key, string[] Values)[] groups)
    {
        var rows = new TheoryData<string, string>();
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
