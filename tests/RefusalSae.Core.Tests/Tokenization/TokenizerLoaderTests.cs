using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.HuggingFace;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class TokenizerLoaderTests
{
    [Fact]
    public void A_folder_without_a_tokenizer_is_reported_with_its_path()
    {
        var dir = Directory.CreateTempSubdirectory("rsw-notok-").FullName;
        var e = Assert.Throws<FileNotFoundException>(() => TokenizerLoader.Load(dir));
        Assert.Contains(dir, e.Message);
        Directory.Delete(dir);
    }

    [Fact]
    public void A_tokenizer_json_merge_naming_a_missing_token_is_reported_with_file_and_entry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rsw-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}}""");
        var e = Assert.Throws<InvalidDataException>(() => HfTokenizerJson.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("model.merges[0]", e.Message);
        File.Delete(path);
    }

    [Fact]
    public void An_unsupported_model_type_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rsw-wp-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model": {"type": "WordPiece", "vocab": {}}}""");
        var e = Assert.Throws<NotSupportedException>(() => TokenizerLoader.Load(path));
        Assert.Contains("WordPiece", e.Message);
        File.Delete(path);
    }
}
