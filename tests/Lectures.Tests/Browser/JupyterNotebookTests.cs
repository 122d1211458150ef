using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Lectures.Tests.Kernel;
using Lectures.Tests.Support;
using Microsoft.Playwright;

namespace Lectures.Tests.Browser;

/// <summary>
/// The interactive path as a student takes it: Debian's classic Jupyter Notebook serves a copy of notebook 06 on
/// 127.0.0.1 with the kit's kernel installed in a private Jupyter data folder (<see cref="JupyterSandbox"/>), and a
/// real browser opens it, runs all cells from the Cell menu, and sees the outputs and a drawn chart in the page.
/// </summary>
[Trait("Category", "Browser")]
public class JupyterNotebookTests
{
    private const string Notebook = "06-vanishing-exploding.ipynb";

    [SkippableFact]
    public async Task Notebook_06_runs_all_cells_in_jupyter_notebook_and_shows_its_outputs_and_charts()
    {
        ExternalTool.JupyterNotebook.Require();
        ExternalTool.Chromium.Require();
        using var sandbox = new JupyterSandbox();
        var folder = Directory.CreateDirectory(Path.Combine(sandbox.Root, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(folder, Notebook), WithKitKernel(File.ReadAllText(Repo.Path("notebooks", Notebook))));

        var (port, token) = (FreePort(), Guid.NewGuid().ToString("N"));
        using var server = StartServer(sandbox, folder, port, token);
        try
        {
            await WaitUntilServing(server, port, token);
            await using var chromium = await HeadlessChromium.LaunchAsync(loopback: true);
            var page = await chromium.OpenAsync($"http://127.0.0.1:{port}/notebooks/{Notebook}?token={token}");
            await page.WaitForSelectorAsync("#kernel_indicator_icon.kernel_idle_icon", new PageWaitForSelectorOptions { Timeout = 120_000 });
            await page.ClickAsync("#celllink");
            await page.ClickAsync("#run_all_cells");
            await page.WaitForFunctionAsync("""
                () => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')
                        .every(c => typeof c.input_prompt_number === 'number')
                    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null
                """, null, new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 500 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(HeadlessChromium.Screenshots, "jupyter-notebook-06.png") });

            var text = await page.InnerTextAsync("#notebook-container");
            Assert.Contains("ρ = 1.0: ‖∂h_60/∂h_0‖ =", text);
            Assert.Contains("final training loss (clipped):", text);
            Assert.Equal(0, await page.Locator(".output_error").CountAsync());
            var drawn = await page.EvaluateAsync<int>(
                "() => [...document.querySelectorAll('.js-plotly-plot')].filter(c => c.data && c.data.length > 0 && c.querySelector('svg.main-svg g.plot')).length");
            Assert.True(drawn > 0, "no chart was drawn in the notebook page");
            Assert.Empty(chromium.Blocked);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The notebook as a student's copy is after picking the kit's kernel: its kernelspec, and the library found from anywhere.</summary>
    private static string WithKitKernel(string json)
    {
        var notebook = JsonNode.Parse(json.Replace("../artifacts/", Repo.Path("artifacts").Replace('\\', '/') + "/"))!;
        notebook["metadata"]!["kernelspec"] = new JsonObject
        {
            ["name"] = JupyterSandbox.KernelName, ["display_name"] = "C# (RNN lectures kernel)", ["language"] = "C#",
        };
        return notebook.ToJsonString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartServer(JupyterSandbox sandbox, string folder, int port, string token)
    {
        var start = new ProcessStartInfo(ExternalTool.JupyterNotebookProgram)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0", $"--NotebookApp.token={token}",
                     $"--notebook-dir={folder}", "--allow-root" })
            start.ArgumentList.Add(a);
        foreach (var (name, value) in sandbox.Environment) start.Environment[name] = value;
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    private static async Task WaitUntilServing(Process server, int port, string token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(server.HasExited, $"jupyter-notebook exited with code {(server.HasExited ? server.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
        Assert.Fail($"jupyter-notebook did not answer on 127.0.0.1:{port} within 2 minutes");
    }
}
