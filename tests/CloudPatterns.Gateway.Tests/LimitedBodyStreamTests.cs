namespace CloudPatterns.Gateway.Tests;

/// <summary>The request body as the gateway hands it on: read through up to the limit, refused (413) at the read that passes it.</summary>
public sealed class LimitedBodyStreamTests
{
    [Fact]
    public async Task ABodyOfTheLimitIsReadWholeAndTheReadPastItIsA413NamingTheLimit()
    {
        using var body = new LimitedBodyStream(new MemoryStream(new byte[12]), limit: 10);
        var buffer = new byte[10];

        var read = await body.ReadAsync(buffer.AsMemory(0, 10));
        var exceededAtTheLimit = body.Exceeded;
        var refusal = await Assert.ThrowsAsync<BadHttpRequestException>(() => body.ReadAsync(buffer, 0, 1));

        Assert.Equal(10, read);
        Assert.False(exceededAtTheLimit);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, refusal.StatusCode);
        Assert.Equal("The request body is larger than 10 bytes.", refusal.Message);
        Assert.True(body.Exceeded);
    }

    [Fact]
    public void ItIsReadOnlyForwardOnly()
    {
        using var body = new LimitedBodyStream(new MemoryStream(new byte[4]), limit: 10);

        Assert.Equal(4, body.Read(new byte[8], 0, 8));
        Assert.Equal(4, body.Position);
        Assert.True(body.CanRead);
        Assert.False(body.CanSeek);
        Assert.False(body.CanWrite);
        Assert.Throws<NotSupportedException>(() => body.Length);
        Assert.Throws<NotSupportedException>(() => body.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => body.Write([1], 0, 1));
    }
}
