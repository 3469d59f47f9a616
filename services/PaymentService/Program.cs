var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddPaymentService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapPaymentsApi();

app.Run();
