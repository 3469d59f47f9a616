namespace CloudPatterns.Hosting.Http;

/// <summary>
/// Maps GET endpoints whose request delegate ASP.NET Core builds at run time instead of the Request Delegate Generator
/// (on in services/Directory.Build.props). In .NET 10 the generated code for an optional parsable query value
/// (int page = 1, OrderStatus? status) only flags a malformed one (?page=abc, ?status=Lost) and answers an empty 400,
/// without the ParameterBindingFailed report that ThrowOnBadRequest turns into an exception (read in the generator's
/// output, obj/…/generated/…/GeneratedRouteBuilderExtensions.g.cs, with EmitCompilerGeneratedFiles=true). Built at run
/// time, the failure reaches ProblemExceptionHandler, which names the parameter. Endpoints with optional parsable
/// parameters map through here; the rest are generated.
/// </summary>
public static class RuntimeBinding
{
    // The generator cannot see through a Delegate parameter, so it leaves this call alone (RDG002 says so).
#pragma warning disable RDG002
    public static RouteHandlerBuilder MapGetBoundAtRuntime(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapGet(pattern, handler);
#pragma warning restore RDG002
}
