using System.Collections.Concurrent;
using Lectures.Tests.Support;
using Microsoft.Playwright;

namespace Lectures.Tests.Browser;

/// <summary>
/// The system's Chromium driven by Playwright (its own browser downloads are not used: Playwright launches
/// <see cref="ExternalTool.ChromiumProgram"/>). Every request that is not for a file (or, when allowed, for a server on
/// 127.0.0.1) is aborted and counted, so a page that needs the network shows up in <see cref="Blocked"/>; messages the pages log as
/// errors and their uncaught exceptions are collected in <see cref="Errors"/>. Tests that use it call
/// <see cref="ExternalTool.Chromium"/>'s <c>Require</c> first.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        this.playwright = playwright;
        this.browser = browser;
        Context = context;
    }

    /// <summary>The browser context every page opens in.</summary>
    public IBrowserContext Context { get; }

    /// <summary>Requests that were aborted because they would have left the machine.</summary>
    public ConcurrentQueue<string> Blocked { get; } = new();

    /// <summary>Console errors and uncaught exceptions, each prefixed with the page's address.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Where screenshots go: artifacts/TestResults/screenshots/.</summary>
    public static string Screenshots => Directory.CreateDirectory(Repo.Path("artifacts", "TestResults", "screenshots")).FullName;

    /// <summary>Starts Chromium headless, offline but for files and, if <paramref name="loopback"/>, servers on 127.0.0.1.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(bool loopback = false)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var chromium = new HeadlessChromium(playwright, browser, context);
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsFile || (loopback && url.Host == "127.0.0.1")) await route.ContinueAsync();
            else
            {
                chromium.Blocked.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
        });
        return chromium;
    }

    /// <summary>Opens <paramref name="url"/> in a new page that reports its errors to <see cref="Errors"/>.</summary>
    public async Task<IPage> OpenAsync(string url)
    {
        var page = await Context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") Errors.Enqueue($"{url}: {message.Text}"); };
        page.PageError += (_, error) => Errors.Enqueue($"{url}: {error}");
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        return page;
    }

    /// <summary>The Chromium program as a full path: Playwright wants one.</summary>
    private static string ExecutablePath()
    {
        var program = ExternalTool.ChromiumProgram;
        if (Path.IsPathRooted(program)) return program;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists) ?? program;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
