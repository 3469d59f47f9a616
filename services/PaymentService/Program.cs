using CloudPatterns.PaymentService;
using CloudPatterns.PaymentService.Payments;
using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddPaymentService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapPaymentsApi();

app.Run();
