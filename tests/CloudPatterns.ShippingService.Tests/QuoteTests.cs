namespace CloudPatterns.ShippingService.Tests;

public sealed class QuoteTests
{
    [Theory]
    [InlineData("2.35", "domestic", "standard", 6.91, 4)] // 4.99 + 0.80 x 2.4 kg (billed per started 100 g)
    [InlineData("1", "EU", "Express", 28.19, 3)] // 24.99 + 3.20 x 1 kg; zones are case-insensitive
    [InlineData("0.01", "international", null, 20.38, 14)] // 19.99 + 3.90 x 0.1 kg; standard by default
    public async Task AQuoteIsBaseAndWeightPriceFromTheRateTable(string weight, string zone, string? speed, decimal price, int days)
    {
        await using var host = await ShippingHost.StartAsync();

        var query = $"shipping/quote?weightKg={weight}&zone={zone}" + (speed is null ? string.Empty : $"&speed={speed}");
        var quote = await host.Client.GetFromJsonAsync<ShippingQuote>(query, JsonDefaults.Options);

        Assert.Equal(new Money(price, "USD"), quote!.Price);
        Assert.Equal(days, quote.EstimatedDays);
        Assert.Equal(zone.ToLowerInvariant(), quote.Zone);
    }

    public static TheoryData<string, string> BadQueries => TheoryGroups.Of(
        ("zone", ["weightKg=2&zone=moon", "weightKg=2"]),
        ("weightKg", ["zone=domestic", "weightKg=heavy&zone=domestic", "weightKg=0&zone=domestic", "weightKg=-1&zone=domestic", "weightKg=70.5&zone=domestic"]),
        ("speed", ["weightKg=2&zone=domestic&speed=teleport", "weightKg=2&zone=domestic&speed=7"]));

    [Theory, MemberData(nameof(BadQueries))]
    public async Task ABadQueryIsA400NamingTheField(string field, string query)
    {
        await using var host = await ShippingHost.StartAsync();

        var problem = await RefusalAsync(host, query);

        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task TheHeaviestParcelTheRateTableTakesIsQuotedAndOneGramMoreIsNot()
    {
        await using var host = await ShippingHost.StartAsync();

        using var heaviest = await host.Client.GetAsync("shipping/quote?weightKg=70&zone=domestic");
        var tooHeavy = await RefusalAsync(host, "weightKg=70.001&zone=domestic");

        Assert.Equal(HttpStatusCode.OK, heaviest.StatusCode);
        Assert.Equal(["weightKg"], tooHeavy.Errors.Keys);
    }

    [Theory]
    [InlineData("weightKg=0&zone=domestic", "weightKg", "must be a number more than 0 and at most 70 (kg)")]
    [InlineData("weightKg=2&zone=moon", "zone", "must be one of domestic, eu, international")]
    [InlineData("weightKg=2&zone=domestic&speed=teleport", "speed", "must be one of Standard, Express")]
    public async Task ABadQuerySaysWhatWouldBeAccepted(string query, string field, string message)
    {
        await using var host = await ShippingHost.StartAsync();

        var problem = await RefusalAsync(host, query);

        Assert.Equal([message], problem.Errors[field]);
    }

    [Fact]
    public async Task PricesComeFromConfigurationSoTheyChangeWithoutARelease()
    {
        await using var host = await ShippingHost.StartAsync(new Dictionary<string, string?>
        {
            ["Shipping:Zones:domestic:Standard:Base"] = "2.00",
            ["Shipping:Currency"] = "EUR",
        });

        var quote = await host.Client.GetFromJsonAsync<ShippingQuote>("shipping/quote?weightKg=1&zone=domestic", JsonDefaults.Options);

        Assert.Equal(new Money(2.80m, "EUR"), quote!.Price);
    }

    [Theory]
    [InlineData("Shipping:DefaultZone", "mars", "DefaultZone")]
    [InlineData("Shipping:Zones:eu:Express:Days", "0", "eu")]
    [InlineData("Shipping:Currency", "XYZ", "Currency")]
    public async Task ABrokenRateTableStopsTheServiceFromStarting(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ShippingHost.StartAsync(new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shipping:DefaultZone", "mars", "The default zone 'mars' is not in the rate table.")]
    [InlineData("Shipping:Zones:moon:Standard:Days", "30", "Zone 'moon' has no Express rate.")]
    public async Task ABrokenRateTableSaysWhatIsMissing(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ShippingHost.StartAsync(new Dictionary<string, string?> { [key] = value });
        });

        Assert.Contains($"with the error: '{message}'", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The problem a quote for <paramref name="query"/> is refused with, once it is sure to be a 400.</summary>
    private static async Task<ValidationProblemDetails> RefusalAsync(ShippingHost host, string query)
    {
        using var response = await host.Client.GetAsync($"shipping/quote?{query}");
        return await ValidationProblems.ReadAsync(response);
    }
}
