namespace CloudPatterns.Web.Operations;

/// <summary>The image upload form: one file, sent on to the API as it came. The API judges the bytes; this checks only that there is a file and that it fits.</summary>
public sealed class ImageUploadForm
{
    /// <summary>
    /// The API's upload limit (product-service's Images:MaxUploadBytes, and the gateway's on its image route): larger
    /// files are refused here, with their size, before they travel on. A test holds it equal to both settings.
    /// </summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public const string Accept = "image/jpeg,image/png,image/webp";

    private const double Megabyte = 1024 * 1024;

    public IBrowserFile? File { get; set; }

    /// <summary>What is wrong with the upload, under the field name "image" as the API names it, or null when it may be sent.</summary>
    public ApiProblem? Check()
    {
        var message = File switch
        {
            null or { Size: 0 } => "Choose an image file (JPEG, PNG or WebP).",
            { Size: > MaxBytes } file => string.Create(CultureInfo.InvariantCulture, $"{file.Name} is {file.Size / Megabyte:0.0} MB; at most {MaxBytes / Megabyte:0.#} MB are accepted."),
            _ => null,
        };
        return message is null
            ? null
            : new ApiProblem(HttpStatusCode.BadRequest, "The image was not uploaded.", null, new Dictionary<string, string[]> { ["image"] = [message] });
    }
}
