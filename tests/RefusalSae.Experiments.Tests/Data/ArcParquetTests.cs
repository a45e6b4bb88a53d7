using Parquet.Serialization;
using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

/// <summary>
/// The HF ARC parquet is not mirrored (it is downloaded from its catalog URL), so these tests write files with the same
/// columns (id, question, choices {text, label}, answerKey; the layout of allenai/ai2_arc) and read them back.
/// </summary>
public sealed class ArcParquetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-arc-").FullName;

    private string Write(IEnumerable<ArcParquet.Row> rows)
    {
        var path = Path.Combine(_dir, "test-00000-of-00001.parquet");
        using (var stream = File.Create(path)) ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult();
        return path;
    }

    private static ArcParquet.Row Row(string id, string q, string[] text, string[] label, string key) =>
        new() { Id = id, Question = q, Choices = new ArcParquet.ChoiceLists { Text = [.. text], Label = [.. label] }, AnswerKey = key };

    [Fact]
    public void Questions_keep_their_ids_choice_order_and_answer_keys_including_three_choice_and_digit_keyed_ones()
    {
        var path = Write([
            Row("Mercury_7175875", "An astronomer observes that a planet rotates faster after a meteorite impact. Which is the most likely effect?",
                ["Planetary density will decrease.", "Planetary years will become longer.", "Planetary days will become shorter.", "Planetary gravity will become stronger."],
                ["A", "B", "C", "D"], "C"),
            Row("NYSEDREGENTS_2015_8_1", "Which is a renewable resource?", ["coal", "wind", "oil"], ["1", "2", "3"], "2"),
        ]);
        var questions = ArcParquet.Load(path);
        Assert.Equal(2, questions.Count);
        Assert.Equal(("Mercury_7175875", 1L, "C"), (questions[0].Id, questions[0].Line, questions[0].AnswerKey));
        Assert.Equal("Planetary days will become shorter.", questions[0].Choices[2]);
        Assert.Equal(["coal", "wind", "oil"], questions[1].Choices);
        Assert.Equal("2", questions[1].AnswerKey);                                              // spec §9 #23: never matches a generated letter
    }

    [Fact]
    public void A_row_without_choices_is_a_located_format_error()
    {
        var path = Write([Row("a", "q?", ["x", "y"], ["A", "B"], "A"), new ArcParquet.Row { Id = "b", Question = "q2?", AnswerKey = "A" }]);
        var e = Assert.Throws<DataFormatException>(() => ArcParquet.Load(path));
        Assert.Equal(2L, e.Line);
    }

    [Fact]
    public void A_file_that_is_not_parquet_is_a_format_error_naming_the_file()
    {
        var path = Path.Combine(_dir, "not.parquet");
        File.WriteAllText(path, "id,question\n");
        var e = Assert.Throws<DataFormatException>(() => ArcParquet.Load(path));
        Assert.Equal(path, e.File);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
