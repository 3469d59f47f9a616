var builder = WebApplication.CreateBuilder(args);
builder.AddShippingService();

var app = builder.Build();
app.UseShippingService();
app.Run();
