using System.Text.RegularExpressions;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.Report;

namespace RefusalSae.Experiments.Tests.Stages.Report;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly ReportFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Tables_notes_titles_and_context_tokens_are_html_escaped()
    {
        var html = _fixture.Render(evilTitle: "Evil <script>alert(1)</script>");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("Evil &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<td>&lt;b&gt;&amp;amp;&lt;/b&gt;</td>", html);
        Assert.Contains("note with &lt;i&gt;tags&lt;/i&gt; &amp; more", html);
        Assert.Contains("&lt;b&gt;make&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>make</b>", html);
    }

    [Fact]
    public void The_page_opens_with_the_jailbreak_figure_its_table_the_behaviour_targets_and_one_line_per_section()
    {
        var html = _fixture.Render();
        var figure = html.IndexOf("id=\"headline-figure\"", StringComparison.Ordinal);
        var firstSection = html.IndexOf("<section", StringComparison.Ordinal);
        Assert.InRange(figure, 0, firstSection);
        var header = html[..firstSection];
        Assert.Contains("§4.1 jailbreak: HarmBench ASR and substring refusal", header);
        Assert.Contains("<td>harmless_test</td><td>8.0</td>", header);            // the organism's behaviour targets
        Assert.Contains("<a href=\"#s4-1\">§4.1 jailbreak</a>: mean substring refusal over the harmful sets: Base 94.0%, Ours 24.3%", header);
        Assert.Contains("<a href=\"#side-effects\">side effects</a>", header);
        Assert.Contains("<a href=\"#dashboards\">feature dashboards</a>", header);
        // Sections per paper section, §4.1 before the organism's training stages.
        Assert.True(html.IndexOf("id=\"s4-1\"", StringComparison.Ordinal) < html.IndexOf("id=\"organism\"", StringComparison.Ordinal));
    }

    [Fact]
    public void For_a_paper_configuration_the_headline_line_sets_the_papers_asr_beside_ours_without_mixing_them()
    {
        var dir = Path.Combine(_fixture.Root, "judge-paper");
        TableWriter.Write(new Table("§4.1", ["method", "a ASR (%)", "a refusal (%)", "a paper ASR (%)", "b ASR (%)", "b refusal (%)", "b paper ASR (%)"],
            [["Base", "2.0", "96.0", "1.0", "4.0", "94.0", "3.0"], ["CosSim+AP (Ours)", "80.0", "10.0", "90.0", "70.0", "12.0", "70.0"]]), dir, "jailbreak");
        var stages = new Dictionary<string, StageReport> { ["paper-judge"] = StageReport.Collect("paper-judge", dir) };
        var line = Findings.Of(stages, 0).Single();
        Assert.Equal("mean substring refusal over the harmful sets: Base 95.0%, Ours 11.0%; HarmBench ASR of Ours 75.0% (paper: 80.0%).", line.Text);
    }

    [Fact]
    public void Numbers_are_formatted_for_people_and_long_logs_are_links_not_tables()
    {
        var html = _fixture.Render();
        Assert.Contains("<td>0.936</td><td>1.1</td>", html);                        // 3 significant digits; percent to one decimal
        Assert.DoesNotContain("0.00030000000000000003</td>", html);                  // the training log is not a table …
        Assert.Contains("download=\"training_log.csv\">training_log.csv</a>", html);  // … but a link to its CSV
    }

    [Fact]
    public void The_page_is_one_file_every_image_and_csv_embedded_and_every_anchor_present()
    {
        var html = _fixture.Render();
        var refs = Refs().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        Assert.NotEmpty(refs);
        Assert.All(refs, r => Assert.True(r.StartsWith("data:", StringComparison.Ordinal) || r.StartsWith('#') || r.StartsWith("https://", StringComparison.Ordinal),
            $"{r[..Math.Min(80, r.Length)]} would not travel with the page"));
        var ids = Ids().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var anchor in refs.Where(r => r.StartsWith('#'))) Assert.Contains(anchor[1..], ids);
        Assert.Contains(refs, r => r.StartsWith("data:image/png;base64,iVBORw0KGgo", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Every_dashboard_shows_selections_attribution_histogram_and_shaded_contexts()
    {
        var html = _fixture.Render();
        foreach (var slug in new[] { "L0-12", "L1-893" })
        {
            var start = html.IndexOf($"<article class=\"dashboard\" id=\"feature-{slug}\">", StringComparison.Ordinal);
            Assert.True(start >= 0, slug);
            var article = html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
            Assert.Contains("<td>CosSim+AP (Ours)</td><td>advbench</td>", article);
            Assert.Contains("<td>advbench</td><td>0.0123</td>", article);
            Assert.Contains("alt=\"activation histogram of", article);
            var contexts = Regex.Matches(article, "<div class=\"ctx\">.*?</div>").Where(m => m.Value.Contains("tok hl", StringComparison.Ordinal)).Count();
            Assert.True(contexts >= 5, $"{slug}: {contexts} highlighted contexts");
            Assert.Contains("Top contexts: training corpus", article);
            Assert.Contains("style=\"background:rgba(230,85,13,1)\"", article);   // the strongest shown token at full shade
        }
    }

    [Fact]
    public void Features_link_to_their_dashboard_or_else_to_neuronpedia_when_a_template_is_configured()
    {
        var linked = _fixture.Render();
        Assert.Contains("<a href=\"#feature-L0-12\">L0/12</a>", linked);
        Assert.Contains("<a href=\"https://www.neuronpedia.org/gemma-2-2b/12-gemmascope-res-65k/65535\">L12/65535</a>", linked);
        Assert.Contains("<a class=\"np\" href=\"https://www.neuronpedia.org/gemma-2-2b/1-gemmascope-res-65k/893\">Neuronpedia</a>", linked);
        var plain = _fixture.Render(template: "");
        Assert.DoesNotContain("neuronpedia.org", plain);
        Assert.Contains("L12/65535", plain);
    }

    [Fact]
    public void Provenance_shows_keys_timing_items_upstream_keys_datasets_and_the_config()
    {
        var html = _fixture.Render();
        Assert.Contains("<code>bbbb</code>", html);
        Assert.Contains("2026-01-02 03:04:05Z", html);
        Assert.Contains("3 / 4", html);
        Assert.Contains("train-model: <code>aaaa</code>", html);       // the upstream output hash resolved to that stage's key
        Assert.Contains("harmbench_test: <code title=\"sha256 c0ffee\">c0ffee</code>", html);
        Assert.Contains("&quot;prompts_per_set&quot;: 50", html);
    }

    [Fact]
    public void A_bad_neuronpedia_template_is_an_error_naming_the_key()
    {
        var e = Assert.Throws<ArgumentException>(() => new NeuronpediaLinks("https://www.neuronpedia.org/gemma-2-2b/{layer}-gemmascope-res-65k"));
        Assert.Contains("report.neuronpedia", e.Message);
        Assert.Contains("{feature}", e.Message);
        Assert.Throws<ArgumentException>(() => new NeuronpediaLinks("javascript:alert({layer}{feature})"));
    }

    [Fact]
    public void Csv_fields_with_quotes_commas_and_newlines_round_trip()
    {
        var csv = TableWriter.ToCsv(new Table("t", ["a", "b"], [["x, \"y\"", "line1\nline2"], ["", "z"]]));
        Assert.Equal([["a", "b"], ["x, \"y\"", "line1\nline2"], ["", "z"]], CsvText.Parse(csv));
    }

    [GeneratedRegex("(src|href)=\"([^\"]+)\"")]
    private static partial Regex Refs();

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex Ids();
}
