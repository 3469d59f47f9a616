var builder = WebApplication.CreateBuilder(args);
builder.AddPaymentService();

var app = builder.Build();
app.UsePaymentService();
app.Run();
