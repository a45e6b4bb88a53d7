using System.Text.Json;
using Microsoft.Playwright;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Stages.Report;

/// <summary>
/// The report opened in a real browser (Debian's headless chromium, driven by Playwright without downloading one):
/// every image decodes, every link target resolves, no console error, the headline figure and table above the fold
/// at 1400×900, and every feature dashboard with at least 5 highlighted contexts. Checks a rendered fixture, or the
/// report named by $RSW_REPORT (.ci/run points it at the default experiment's); $RSW_REPORT_SCREENSHOT saves the first screen.
/// </summary>
public sealed class ReportInBrowserTests
{
    private static string Chromium => Environment.GetEnvironmentVariable("RSW_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    [Fact]
    public async Task The_report_loads_cleanly_in_headless_chromium_with_the_headline_above_the_fold()
    {
        var chromium = ThirdParty.Require(Chromium);
        using var fixture = new ReportFixture();
        var path = Environment.GetEnvironmentVariable("RSW_REPORT") is { Length: > 0 } given ? Path.GetFullPath(given) : fixture.Write(fixture.Render());
        Assert.True(File.Exists(path), $"{path}: no report");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps a closed-network machine from trying to reach anything.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url[..Math.Min(100, r.Url.Length)]}");
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        var check = await page.EvaluateAsync<JsonElement>(Probe);
        if (Environment.GetEnvironmentVariable("RSW_REPORT_SCREENSHOT") is { Length: > 0 } shot)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        var report = check.GetRawText();
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {report}");

        Assert.Empty(errors);
        Assert.True(check.GetProperty("images").GetInt32() > 0, report);
        Assert.Empty(check.GetProperty("brokenImages").EnumerateArray());
        Assert.Empty(check.GetProperty("brokenLinks").EnumerateArray());
        Assert.True(check.GetProperty("figureAboveFold").GetBoolean(), $"the headline figure is not inside the first 1400×900 screen: {report}");
        Assert.True(check.GetProperty("tableAboveFold").GetBoolean(), $"the headline table does not start inside the first screen: {report}");
        Assert.True(check.GetProperty("dashboards").GetInt32() > 0, report);
        Assert.Empty(check.GetProperty("thinDashboards").EnumerateArray());
    }

    /// <summary>Runs in the page: images decoded, anchors present, data: links fetchable, layout of the first screen.</summary>
    private const string Probe = """
        async () => {
          const imgs = [...document.images];
          await Promise.all(imgs.map(i => i.decode().catch(() => {})));
          const brokenImages = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.src.slice(0, 60));
          const brokenLinks = [];
          for (const a of document.querySelectorAll('a[href]')) {
            const href = a.getAttribute('href');
            if (href.startsWith('#')) { if (!document.getElementById(decodeURIComponent(href.slice(1)))) brokenLinks.push(href); }
            else if (href.startsWith('data:')) { try { if (!(await fetch(href)).ok) brokenLinks.push(a.textContent); } catch { brokenLinks.push(a.textContent); } }
            else if (!/^https?:\/\/[^\s]+$/.test(href)) brokenLinks.push(href);   // a relative link would not travel with the file
          }
          const fig = document.getElementById('headline-figure');
          const r = fig ? fig.getBoundingClientRect() : null;
          const table = document.querySelector('#findings table');
          const t = table ? table.getBoundingClientRect() : null;
          const dashboards = [...document.querySelectorAll('article.dashboard')];
          const thinDashboards = dashboards.filter(d => [...d.querySelectorAll('.ctx')].filter(c => c.querySelector('.tok.hl')).length < 5).map(d => d.id);
          return {
            images: imgs.length, brokenImages, brokenLinks,
            figureAboveFold: !!r && r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 200,
            figure: r && [r.top, r.bottom, r.width], table: t && [t.top, t.bottom, t.width],
            tableAboveFold: !!t && t.top >= 0 && t.top < innerHeight - 100,
            dashboards: dashboards.length, thinDashboards,
          };
        }
        """;
}
