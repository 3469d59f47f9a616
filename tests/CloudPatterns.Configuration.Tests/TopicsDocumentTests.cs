namespace CloudPatterns.Configuration.Tests;

public sealed class TopicsDocumentTests
{
    [Fact]
    public void TheTopicTableMatchesThePublishersAndSubscribersInTheCode()
    {
        GeneratedDocument.AssertUpToDate("architecture.md", TopicsDocument.Generate(), TopicsDocument.Extract);
    }
}
