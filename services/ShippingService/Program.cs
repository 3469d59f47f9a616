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
