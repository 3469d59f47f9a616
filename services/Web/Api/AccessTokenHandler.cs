namespace CloudPatterns.Web.Api;

/// <summary>Sends the signed-in user's token with each API call, so the gateway and every service judge the user, not the site.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.RequestServices.GetRequiredService<IAccessTokenSource>().GetAsync(context) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
