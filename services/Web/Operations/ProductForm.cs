namespace CloudPatterns.Web.Operations;

/// <summary>
/// A product's details as the catalog editor's form holds them: what the admin typed, the ETag of the version the form
/// was filled from, and that version's values (<see cref="Base"/>, hidden fields), so that when someone else saved in
/// between the form can take their changes on the fields the admin left alone and keep the admin's on the fields they edited.
/// </summary>
public sealed class ProductForm : ProductFields
{
    /// <summary>The ETag of the version the form was filled from; sent as If-Match.</summary>
    public string? ETag { get; set; }

    /// <summary>The values of the version the form was filled from.</summary>
    public ProductFields Base { get; set; } = new();

    public static ProductForm From(Product product, string? etag)
    {
        var form = new ProductForm();
        form.Fill(product, etag);
        return form;
    }

    public static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>What is wrong with the form, field by field as the API names them, or null when it may be sent.</summary>
    public ApiProblem? Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > ProductLimits.NameLength)
        {
            errors["name"] = [$"Give a name of 1 to {ProductLimits.NameLength} characters."];
        }

        if (Description?.Trim().Length > ProductLimits.DescriptionLength)
        {
            errors["description"] = [$"Keep the description to {ProductLimits.DescriptionLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(Category) || Category.Trim().Length > ProductLimits.CategoryLength)
        {
            errors["category"] = [$"Give a category of 1 to {ProductLimits.CategoryLength} characters."];
        }

        if (!Currencies.IsSupported(Currency))
        {
            errors["currency"] = [$"Choose one of {Currencies.Listed}."];
        }

        if (ParseAmount() is not { } amount || amount is < ProductLimits.MinPrice or > ProductLimits.MaxPrice)
        {
            errors["amount"] = [string.Create(CultureInfo.InvariantCulture, $"Give a price from {ProductLimits.MinPrice} to {ProductLimits.MaxPrice}, with a dot before the cents (e.g. 24.90).")];
        }
        else if (Currencies.IsSupported(Currency) && !Currencies.IsWholeMinorUnits(amount, Currency!))
        {
            errors["amount"] = [$"Give the price in whole cents: at most {Currencies.MinorUnitDigits(Currency!)} decimal places."];
        }

        return errors.Count == 0 ? null : new ApiProblem(HttpStatusCode.BadRequest, "The product was not saved: please correct the fields marked below.", null, errors);
    }

    /// <summary>The request body; only after <see cref="Check"/> found nothing wrong.</summary>
    public ProductChange ToChange() =>
        new(Name!.Trim(), Description?.Trim() ?? string.Empty, Category!.Trim(), new Money(ParseAmount()!.Value, Currency!), Active);

    /// <summary>
    /// Moves the form onto <paramref name="current"/> (saved by someone else since the form was filled): the fields the
    /// admin left as they were take the current values, the fields they edited keep theirs. Answers each field the other
    /// change touched: its value now saved, and whether the admin's edit of it is kept in the form instead.
    /// </summary>
    public IReadOnlyList<ChangedField> Rebase(Product current, string? etag)
    {
        var changed = new List<ChangedField>();
        var amount = FormatAmount(current.Price.Amount);
        Name = Merge("Name", Base.Name, Name, current.Name, changed);
        Description = Merge("Description", Base.Description, Description, current.Description, changed);
        Category = Merge("Category", Base.Category, Category, current.Category, changed);
        Amount = Merge("Price", Base.Amount, Amount, amount, changed);
        Currency = Merge("Currency", Base.Currency, Currency, current.Price.Currency, changed);
        Active = Merge("Sold", Yes(Base.Active), Yes(Active), Yes(current.Active), changed) == Yes(true);
        FilledFrom(current, etag);
        return changed;
    }

    private void Fill(Product product, string? etag)
    {
        CopyFrom(product);
        FilledFrom(product, etag);
    }

    private void FilledFrom(Product product, string? etag)
    {
        ETag = etag;
        Base = new ProductFields();
        Base.CopyFrom(product);
    }

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string? Merge(string label, string? original, string? mine, string theirs, List<ChangedField> changed)
    {
        var editedByMe = !Same(original, mine);
        if (!Same(original, theirs))
        {
            changed.Add(new ChangedField(label, theirs, editedByMe ? mine ?? string.Empty : null));
        }

        return editedByMe ? mine : theirs;
    }

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim() ?? string.Empty, b?.Trim() ?? string.Empty, StringComparison.Ordinal);

    private decimal? ParseAmount() =>
        decimal.TryParse(Amount?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;
}

/// <summary>A product's fields as a form holds them: text as typed, the price as its digits.</summary>
public class ProductFields
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public string? Amount { get; set; }

    public string? Currency { get; set; }

    public bool Active { get; set; }

    public void CopyFrom(Product product)
    {
        Name = product.Name;
        Description = product.Description;
        Category = product.Category;
        Amount = ProductForm.FormatAmount(product.Price.Amount);
        Currency = product.Price.Currency;
        Active = product.Active;
    }
}

/// <summary>A field someone else changed: its value now saved, and the admin's own edit of it when the form keeps that instead.</summary>
public sealed record ChangedField(string Label, string Saved, string? KeptEdit);
