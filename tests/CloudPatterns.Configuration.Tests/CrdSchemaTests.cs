namespace CloudPatterns.Configuration.Tests;

/// <summary>The schema check itself must catch what the API server would reject, or the resource tests prove nothing.</summary>
public sealed class CrdSchemaTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"crd-{Guid.NewGuid():N}.yaml");

    [Theory]
    [InlineData("spec:\n  type: state.sqlite\n  version: v1\n  metadata:\n    - name: a\n      value: b\n", true)]
    [InlineData("spec:\n  type: state.sqlite\n  version: v1\n  metadata:\n    - nam: a\n", false)]
    [InlineData("spec:\n  type: state.sqlite\n  metadata: []\n", false)]
    [InlineData("spec:\n  type: state.sqlite\n  version: v1\n  metadata: []\n  colour: blue\n", false)]
    [InlineData("spec:\n  type: 3\n  version: v1\n  metadata: []\n", false)]
    public void AComponentIsCheckedForUnknownFieldsRequiredFieldsAndTypes(string spec, bool valid)
    {
        var schema = CrdSchema.For(ReferenceData.Require(), "components.yaml", "v1alpha1");
        File.WriteAllText(_file, "apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n" + spec);

        var errors = CrdSchema.Validate(YamlDocuments.Load(_file).Single(), schema);

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void AResiliencyCountMustBeAnIntegerNotAString()
    {
        var schema = CrdSchema.For(ReferenceData.Require(), "resiliency.yaml", "v1alpha1");
        File.WriteAllText(_file, """
            apiVersion: dapr.io/v1alpha1
            kind: Resiliency
            metadata:
              name: x
            spec:
              policies:
                retries:
                  r:
                    policy: constant
                    maxRetries: "3"
              targets: {}
            """);

        var errors = CrdSchema.Validate(YamlDocuments.Load(_file).Single(), schema);

        Assert.Contains(errors, e => e.Contains("maxRetries", StringComparison.Ordinal));
    }

    public void Dispose() => File.Delete(_file);
}
