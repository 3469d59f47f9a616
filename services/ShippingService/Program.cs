using CloudPatterns.ServiceDefaults;
using CloudPatterns.ServiceDefaults.OpenApi;
using CloudPatterns.ShippingService;
using CloudPatterns.ShippingService.Quotes;
using CloudPatterns.ShippingService.Shipments;
using CloudPatterns.Sidecar.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceApiDocument();
builder.AddShippingService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapServiceApiDocument();
app.MapQuotesApi();
app.MapShipmentsApi();
app.MapSubscriptions();

app.Run();
