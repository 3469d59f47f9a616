namespace CloudPatterns.Web.Tests.Browser;

/// <summary>
/// The browser the tests drive: Debian's chromium package (`.ci/run` installs it with apt-get when missing), or the
/// executable CLOUDPATTERNS_CHROMIUM names. Playwright never downloads one.
/// </summary>
public static class Chromium
{
    public const string Variable = "CLOUDPATTERNS_CHROMIUM";

    public static string ExecutablePath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string MissingReason =>
        $"No chromium at {ExecutablePath}: install Debian's chromium package (`apt-get install chromium`, which .ci/run does) or set {Variable}.";
}
