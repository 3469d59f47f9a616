var builder = WebApplication.CreateBuilder(args);
builder.AddPaymentProviderSimulator();

var app = builder.Build();
app.MapPaymentProviderApi();
app.MapGet("/health", () => Results.Ok("healthy"));

app.Run();
