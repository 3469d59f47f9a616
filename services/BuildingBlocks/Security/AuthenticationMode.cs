namespace CloudPatterns.Security;

public enum AuthenticationMode
{
    /// <summary>For `dapr run` and tests: HS256 tokens signed with a development key kept in the Dapr secret store.</summary>
    Local,

    /// <summary>Microsoft Entra ID through Microsoft.Identity.Web, configured in the AzureAd section.</summary>
    EntraId,
}
