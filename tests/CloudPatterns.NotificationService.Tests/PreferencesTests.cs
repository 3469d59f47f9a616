namespace CloudPatterns.NotificationService.Tests;

public sealed class PreferencesTests
{
    [Fact]
    public async Task ACustomerWhoSavedNothingIsMailedAtTheDefaultDomainAndNotTexted()
    {
        await using var host = await NotificationHost.StartAsync();

        var preferences = await host.Client.GetFromJsonAsync<NotificationPreferences>("customers/ada/notification-preferences", JsonDefaults.Options);

        Assert.Equal(new NotificationPreferences("ada", "ada@example.com", null, false, Saved: false), preferences);
    }

    [Fact]
    public async Task SavedPreferencesReplaceTheDefaults()
    {
        await using var host = await NotificationHost.StartAsync();

        await host.SavePreferencesAsync("ada", new PreferencesInput("ada@lovelace.example", "+447700900123", SmsOptIn: true));
        var preferences = await host.Client.GetFromJsonAsync<NotificationPreferences>("customers/ada/notification-preferences", JsonDefaults.Options);

        Assert.Equal(new NotificationPreferences("ada", "ada@lovelace.example", "+447700900123", true, Saved: true), preferences);
    }

    [Fact]
    public async Task ACustomerReadsAndChangesTheirOwnPreferencesOnly()
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada@lovelace.example", null, SmsOptIn: false));
        using var grace = host.Fabric.App(Contracts.AppIds.NotificationService).CreateSidecarClient(host.Fabric.Tokens.Customer("grace"), "gateway");

        using var readAdas = await grace.GetAsync("customers/ada/notification-preferences");
        using var changeAdas = await grace.PutAsJsonAsync("customers/ada/notification-preferences", new PreferencesInput("grace@example.com", null, SmsOptIn: false));
        using var readOwn = await grace.GetAsync("customers/grace/notification-preferences");

        Assert.Equal(HttpStatusCode.Forbidden, readAdas.StatusCode);
        Assert.Equal("Customers see their own preferences only.", (await readAdas.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, changeAdas.StatusCode);
        Assert.Equal("Customers change their own preferences only.", (await changeAdas.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Equal(HttpStatusCode.OK, readOwn.StatusCode);
        var adas = await host.Client.GetFromJsonAsync<NotificationPreferences>("customers/ada/notification-preferences", JsonDefaults.Options);
        Assert.Equal("ada@lovelace.example", adas!.Email);
    }

    [Theory]
    [InlineData("""{"email":"not-an-address","smsOptIn":false}""", "email", "must be an email address like ada@example.com")]
    [InlineData("""{"email":"ada@example.com","smsOptIn":true}""", "smsOptIn", "needs a phone number")]
    [InlineData("""{"phone":"+12","smsOptIn":false}""", "phone", "must be an E.164 number: + then 8 to 15 digits, e.g. +4915112345678")]
    public async Task BadPreferencesSayWhatWouldBeAccepted(string body, string field, string message)
    {
        await using var host = await NotificationHost.StartAsync();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PutAsync("customers/ada/notification-preferences", content);

        Assert.Equal([message], (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors[field]);
    }

    /// <summary>An email address is at most 254 characters (RFC 5321's path limit less its angle brackets).</summary>
    [Theory]
    [InlineData(254, HttpStatusCode.OK)]
    [InlineData(255, HttpStatusCode.BadRequest)]
    public async Task AnEmailAddressMayBeUpTo254CharactersLong(int length, HttpStatusCode expected)
    {
        await using var host = await NotificationHost.StartAsync();
        var domain = "example.com";
        var address = new string('a', 40) + "@" + string.Join(".", Enumerable.Range(0, 3).Select(_ => new string('b', 60))) + ".";
        address = address + new string('c', length - address.Length - domain.Length) + domain;

        using var response = await host.Client.PutAsJsonAsync("customers/ada/notification-preferences", new PreferencesInput(address, null, SmsOptIn: false));

        Assert.Equal(length, address.Length);
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>A customer id that makes no email address at the default domain gets no default address: nothing is mailed to a made-up one.</summary>
    [Theory]
    [InlineData("ada..lovelace")]
    [InlineData(".ada")]
    public async Task ACustomerIdThatMakesNoEmailAddressHasNoDefaultOne(string customerId)
    {
        await using var host = await NotificationHost.StartAsync();

        var preferences = await host.Client.GetFromJsonAsync<NotificationPreferences>($"customers/{customerId}/notification-preferences", JsonDefaults.Options);

        Assert.Null(preferences!.Email);
    }

    [Theory]
    [InlineData("ada", """{"email":"not-an-address","smsOptIn":false}""", "email")]
    [InlineData("ada", """{"email":"ada@localhost","smsOptIn":false}""", "email")]
    [InlineData("ada", """{"phone":"07700 900123","smsOptIn":true}""", "phone")]
    [InlineData("ada", """{"phone":"+12","smsOptIn":false}""", "phone")]
    [InlineData("ada", """{"email":"ada@example.com","smsOptIn":true}""", "smsOptIn")]
    [InlineData("ada%20lovelace", """{"smsOptIn":false}""", "customerId")]
    [InlineData("ada", """{"smsOptIn":"yes"}""", "smsOptIn")]
    [InlineData("ada", """{"email":""", "email")]
    [InlineData("ada", "", "body")]
    public async Task BadPreferencesAreA400NamingTheFieldAndChangeNothing(string customerId, string body, string field)
    {
        await using var host = await NotificationHost.StartAsync();
        await host.SavePreferencesAsync("ada", new PreferencesInput("ada@example.com", null, SmsOptIn: false));
        var writes = host.Fabric.StateStore("notification-store").WriteCount;

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PutAsync($"customers/{customerId}/notification-preferences", content);

        await ValidationProblems.AssertNamesOnlyAsync(response, field);
        Assert.Equal(writes, host.Fabric.StateStore("notification-store").WriteCount);
    }
}
