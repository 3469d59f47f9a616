// Usage: dotnet run --project tools/KeyVaultSecrets -- --secrets infra/secrets.json [--vault <uri>]
// The vault defaults to AZURE_KEY_VAULT_ENDPOINT, which azd passes to its hooks from main.bicep's outputs.
var secretsPath = Argument("--secrets") ?? "infra/secrets.json";
var vault = Argument("--vault") ?? Environment.GetEnvironmentVariable("AZURE_KEY_VAULT_ENDPOINT");
if (string.IsNullOrWhiteSpace(vault) || !Uri.TryCreate(vault, UriKind.Absolute, out var vaultUri))
{
    await Console.Error.WriteLineAsync("No vault: pass --vault https://<name>.vault.azure.net/ or run as an azd hook (AZURE_KEY_VAULT_ENDPOINT).");
    return 2;
}

// azd's sign-in first (the hook's context), then a service principal from the environment (CI), then the Azure CLI.
TokenCredential credential = new ChainedTokenCredential(
    new AzureDeveloperCliCredential(),
    new EnvironmentCredential(),
    new AzureCliCredential());
var options = new SecretClientOptions();
options.Retry.MaxRetries = 5;
var provisioner = new SecretProvisioner(new SecretClient(vaultUri, credential, options), Environment.GetEnvironmentVariable, Console.Out);
var plan = SecretsPlan.Load(secretsPath);

// The deployer's role on the vault was granted moments ago by the same provisioning; Azure RBAC can take a few
// minutes to apply it, so a refusal is retried for up to five minutes before it counts.
for (var attempt = 1; ; attempt++)
{
    try
    {
        var outcomes = await provisioner.EnsureAsync(plan, CancellationToken.None);
        return outcomes.Values.Any(o => o == SecretOutcome.Missing) ? 1 : 0;
    }
    catch (RequestFailedException e) when (e.Status == 403 && attempt < 10)
    {
        await Console.Out.WriteLineAsync($"Key Vault refused access (role assignments may still be propagating); retrying in 30 s ({attempt}/10).");
        await Task.Delay(TimeSpan.FromSeconds(30));
    }
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
