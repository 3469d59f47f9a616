var builder = WebApplication.CreateBuilder(args);
builder.AddPaymentProviderSimulator();

var app = builder.Build();
app.MapPaymentProviderApi();
// The probes every container app gets (infra/bicep/modules/container-app.bicep): startup and liveness, readiness.
app.MapGet("/alive", () => Results.Ok("alive"));
app.MapGet("/health", () => Results.Ok("healthy"));

app.Run();
