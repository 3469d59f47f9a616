var builder = WebApplication.CreateBuilder(args);
builder.AddPaymentProviderSimulator();

var app = builder.Build();
app.UsePaymentProviderSimulator();
app.Run();
