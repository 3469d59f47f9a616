using CloudPatterns.Web.Api;

namespace CloudPatterns.Web.Tests.Browser;

/// <summary>
/// The whole system on the in-process fabric (<see cref="FabricSystem"/>: every service, the real gateway) plus the web
/// site under its app id, and a real loopback port in front of the gateway for chromium: the browser talks to the
/// gateway, the gateway invokes the site through its sidecar, and the site calls the gateway's /api - as under
/// `dapr run -f .` on http://localhost:5100/.
/// </summary>
public sealed class SiteUnderTest : IAsyncDisposable
{
    /// <summary>How long an expectation waits for the page (the order workflow on the fabric takes a second or two).</summary>
    public static readonly float Patience = 30_000;

    private readonly WebApplication _frontDoor;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private SiteUnderTest(FabricSystem system, WebApplication frontDoor, IPlaywright playwright, IBrowser browser, string baseUrl) =>
        (System, _frontDoor, _playwright, _browser, BaseUrl) = (system, frontDoor, playwright, browser, baseUrl);

    public FabricSystem System { get; }

    /// <summary>The site's address on this machine, e.g. http://127.0.0.1:41234/.</summary>
    public string BaseUrl { get; }

    /// <summary>
    /// Starts the system and the site. The site reaches the payment provider simulator's knobs as on a local run
    /// (dapr.yaml sets Web:PaymentSimulatorUrl), or, with <paramref name="simulatorKnobs"/> false, has none to reach, as in Azure.
    /// </summary>
    public static async Task<SiteUnderTest> StartAsync(bool simulatorKnobs = true)
    {
        Assert.SkipUnless(Chromium.IsInstalled, Chromium.MissingReason);
        var system = await FabricSystem.StartAsync();
        await system.StartAppAsync<WebApp>(AppIds.Web, builder =>
        {
            builder.UseSetting("Web:ApiBaseUrl", "http://gateway.fabric/api/");
            builder.UseSetting("Web:LiveRefreshInterval", "00:00:00.500");
            if (!simulatorKnobs)
            {
                builder.UseSetting("Web:PaymentSimulatorUrl", "");
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient<PublicApi>().ConfigurePrimaryHttpMessageHandler(system.GatewayHandler);
                services.AddHttpClient<PaymentSimulator>().ConfigurePrimaryHttpMessageHandler(system.PaymentProviderHandler);
            });
        });

        var frontDoor = await FrontDoorAsync(system.GatewayHandler());
        var baseUrl = frontDoor.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + "/";
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            // Containers and CI run as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
        return new SiteUnderTest(system, frontDoor, playwright, browser, baseUrl);
    }

    /// <summary>A fresh browser context (no cookies) with one page, on a phone-sized or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        Assertions.SetDefaultExpectTimeout(Patience);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        return page;
    }

    /// <summary>
    /// A fresh page (<see cref="NewPageAsync"/>), signed in through the site's form (the gateway's POST /dev/token behind
    /// it) as this user and role.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string userId, string role, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/signin");
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByLabel(role == UserClaims.AdminRole ? "Admin (operations console)" : "Customer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(userId);
        return page;
    }

    /// <summary>Opens a page of the operations console as an admin finds it: the Operations link, then the page's own.</summary>
    public static async Task OpenOperationsAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
    }

    /// <summary>Writes a full-page screenshot under the test output (screenshots/NAME.png) and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _frontDoor.DisposeAsync();
        await System.DisposeAsync();
    }

    /// <summary>Kestrel on a free loopback port, passing every request to the in-process gateway unchanged.</summary>
    private static async Task<WebApplication> FrontDoorAsync(HttpMessageHandler gateway)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(gateway);
        app.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
        {
            await forwarder.SendAsync(context, "http://gateway.fabric/", invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
        });
        await app.StartAsync();
        return app;
    }
}
