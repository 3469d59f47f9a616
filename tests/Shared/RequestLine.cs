namespace CloudPatterns.Testing;

/// <summary>A request written as the start of its request line, "GET /api/orders/o-1", as the tests' tables list them.</summary>
public static class RequestLine
{
    /// <summary>The method and the path of <paramref name="line"/>.</summary>
    public static (HttpMethod Method, string Path) Read(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new ArgumentException($"'{line}' is not a request line (a method, a space, a path).", nameof(line));
        }

        return (new HttpMethod(line[..space]), line[(space + 1)..]);
    }

    public static HttpRequestMessage Parse(string line, HttpContent? content = null)
    {
        var (method, path) = Read(line);
        return new HttpRequestMessage(method, path) { Content = content };
    }
}
