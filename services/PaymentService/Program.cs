using CloudPatterns.PaymentService;
using CloudPatterns.PaymentService.Payments;
using CloudPatterns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapPaymentsApi();

app.Run();
