namespace CloudPatterns.Web.Security;

/// <summary>The sign-in and sign-out endpoints that are not pages (the Local sign-in form is the page /signin).</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        // With the layout's form and its antiforgery token, so no other site can sign a user out.
        app.MapPost("/signout", async (HttpContext context) =>
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return TypedResults.LocalRedirect("/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Entra ID: off to Microsoft's sign-in page, and back to where the user was.
        app.MapGet("/signin/entra", (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = LocalUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
        return app;
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative return URL would make sign-in an open redirect.</summary>
    public static string LocalUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
