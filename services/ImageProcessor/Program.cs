var builder = WebApplication.CreateBuilder(args);
builder.AddImageProcessor();

var app = builder.Build();
app.UseImageProcessor();
app.Run();
