namespace CloudPatterns.Gateway.Tests;

/// <summary>A request written as the start of its request line, "GET /api/orders/o-1", as the route tables list them.</summary>
internal static class RequestLine
{
    public static HttpRequestMessage Parse(string line, HttpContent? content = null)
    {
        var words = line.Split(' ');
        return new HttpRequestMessage(new HttpMethod(words[0]), words[1]) { Content = content };
    }
}
