namespace CloudPatterns.Web.ShoppingCart;

/// <summary>Reads and writes the cart cookie: <c>SKU*quantity</c> pairs joined by '|'; anything else in it is ignored.</summary>
public sealed class CartCookie(IHttpContextAccessor accessor)
{
    public const string Name = "cloudpatterns.cart";

    public Cart Read()
    {
        var value = accessor.HttpContext?.Request.Cookies[Name];
        if (string.IsNullOrEmpty(value))
        {
            return Cart.Empty;
        }

        var cart = Cart.Empty;
        foreach (var pair in value.Split('|', StringSplitOptions.RemoveEmptyEntries).Take(Cart.MaxLines))
        {
            var parts = pair.Split('*');
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                cart = cart.Set(parts[0], quantity);
            }
        }

        return cart;
    }

    public void Write(Cart cart)
    {
        var response = accessor.HttpContext!.Response;
        if (cart.IsEmpty)
        {
            response.Cookies.Delete(Name);
            return;
        }

        var value = string.Join('|', cart.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku}*{l.Quantity}")));
        response.Cookies.Append(Name, value, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(30) });
    }
}
