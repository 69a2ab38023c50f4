using System.Diagnostics;
using Shipgate.Audit.Report;
using Shipgate.Tests.Support;
using Xunit.Abstractions;

namespace Shipgate.Tests.Audit;

/// <summary>
/// The HTML report in a real browser (headless Chromium, which CI installs from Debian's packages):
/// it renders, hostile titles stay text, nothing runs, and a screenshot is kept for a human to look at.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Browser")]
    public async Task The_html_report_renders_in_chromium_and_runs_nothing()
    {
        var chromium = FindChromium()
            ?? throw new Xunit.Sdk.XunitException("Chromium is not installed: apt-get install -y chromium (.ci/run installs it in CI).");
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "report.html");
        await File.WriteAllTextAsync(page, ReportHtml.Render(ReportRecords.Sample()));

        var dom = await RunAsync(chromium, folder.Path, "--dump-dom", new Uri(page).AbsoluteUri);

        foreach (var id in new[] { "release-2026-02-03-101500", "release-2026-02-10-080000", "release-2026-02-28-235959" })
            Assert.Contains($"<h2>{id}", dom);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", dom);
        Assert.Contains("<td>&lt;img src=x onerror=\"document.title='pwned'\"&gt;</td>", dom);
        Assert.DoesNotContain("<script", dom);
        Assert.DoesNotContain("<img", dom);
        Assert.DoesNotContain("pwned</title>", dom);
        Assert.Contains("<title>Release evidence report: acme/svc, 2026-02-01 to 2026-02-28</title>", dom);

        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "audit-report.png");
        File.Delete(screenshot);
        await RunAsync(chromium, folder.Path, $"--screenshot={screenshot}", "--window-size=1280,1600", new Uri(page).AbsoluteUri);

        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000, $"The screenshot is only {png.Length} bytes.");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        output.WriteLine($"Screenshot of the HTML report: {screenshot}");
    }

    internal static string? FindChromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);

    /// <summary>One headless run with a fresh profile and no network chatter; returns what it printed.</summary>
    internal static async Task<string> RunAsync(string chromium, string scratch, params string[] args)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(scratch, "profile-" + Guid.NewGuid().ToString("N"))}",
                 })
            start.ArgumentList.Add(flag);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"Chromium did not finish within 60 s: {await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
