namespace CloudPatterns.Gateway.Security;

/// <summary>
/// POST /dev/token mints an admin token for anyone who asks, so it exists only when three things hold at once: the
/// explicit opt-in Gateway:DevelopmentTokens (set for the gateway by the local run file, dapr.yaml, and nowhere else),
/// the Development environment, and Authentication:Mode Local. An opt-in that meets any sign of a cloud deployment -
/// another environment, Entra ID configured, or a variable every Azure host sets - stops the gateway at start-up
/// rather than be ignored, so the mistake is seen. Without the opt-in the route does not exist.
/// </summary>
public static class DevelopmentTokenGuard
{
    public const string Setting = $"{GatewayOptions.Section}:{nameof(GatewayOptions.DevelopmentTokens)}";

    /// <summary>Set by Container Apps, App Service, Kubernetes (AKS and Container Apps) and managed identity.</summary>
    private static readonly string[] s_cloudHostVariables =
        ["CONTAINER_APP_NAME", "CONTAINER_APP_REVISION", "WEBSITE_SITE_NAME", "WEBSITE_INSTANCE_ID", "KUBERNETES_SERVICE_HOST", "IDENTITY_ENDPOINT", "MSI_ENDPOINT"];

    /// <summary>Whether to map the endpoint; throws when it was asked for where it must not exist.</summary>
    public static bool IsEnabled(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DevelopmentTokens)
        {
            return false;
        }

        var reasons = Disqualifiers(app).ToList();
        return reasons.Count == 0
            ? true
            : throw new InvalidOperationException(
                $"{Setting} is on, but {string.Join("; ", reasons)}. The development token endpoint mints admin tokens for anyone: it is for "
                + "`dapr run` on a developer's machine only. Remove the setting; the gateway will not start with it here.");
    }

    private static IEnumerable<string> Disqualifiers(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            yield return $"the environment is {app.Environment.EnvironmentName}, not Development";
        }

        var mode = app.Services.GetRequiredService<IOptions<UserAuthenticationOptions>>().Value.Mode;
        if (mode != AuthenticationMode.Local)
        {
            yield return $"Authentication:Mode is {mode}, not Local";
        }

        if (!string.IsNullOrEmpty(app.Configuration["AzureAd:ClientId"]))
        {
            yield return "an Entra ID application is configured (AzureAd:ClientId)";
        }

        foreach (var variable in s_cloudHostVariables.Where(v => !string.IsNullOrEmpty(app.Configuration[v])))
        {
            yield return $"{variable} is set (a cloud host)";
        }
    }
}
