namespace CloudPatterns.Testing;

/// <summary>How the tests read a refusal of bad input: a 400 whose problem details name each field in its errors.</summary>
public static class ValidationProblems
{
    /// <summary>Asserts that <paramref name="response"/> is a 400 and reads its problem details.</summary>
    public static async Task<Microsoft.AspNetCore.Mvc.ValidationProblemDetails> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!;
    }

    /// <summary>Asserts a 400 whose errors name <paramref name="field"/> and no other; returns what they say of it.</summary>
    public static async Task<string[]> AssertNamesOnlyAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadAsync(response);
        Assert.Equal([field], problem.Errors.Keys);
        return problem.Errors[field];
    }
}
