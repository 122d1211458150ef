namespace Lectures.Tests.Notebooks;

/// <summary>
/// `run` given bad input, as a user would type it: a broken file and a Python notebook beside a good one, a mistyped
/// path, an --out it cannot write, an empty folder. Each gets one line naming the file and what was expected, never a
/// stack trace, and a bad notebook costs only itself.
/// </summary>
[Trait("Category", "Notebooks")]
public sealed class RunInputTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("run-input-").FullName;

    private const string CSharp = """
        { "cells": [ { "cell_type": "code", "metadata": {}, "source": ["Console.WriteLine(6 * 7);"], "outputs": [], "execution_count": null } ],
          "metadata": { "kernelspec": { "name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#" } }, "nbformat": 4, "nbformat_minor": 5 }
        """;

    private const string Python = """
        { "cells": [ { "cell_type": "code", "metadata": {}, "source": ["print(6 * 7)"], "outputs": [], "execution_count": null } ],
          "metadata": { "kernelspec": { "name": "python3", "display_name": "Python 3", "language": "python" } }, "nbformat": 4, "nbformat_minor": 5 }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void OneLineWithoutStackTrace((int ExitCode, string Output) result)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\n', result.Output.Trim());
        Assert.DoesNotContain("   at ", result.Output);
    }

    [Fact]
    public void A_corrupt_file_and_a_python_notebook_are_reported_and_the_good_notebook_still_runs_into_the_site()
    {
        var site = Path.Combine(root, "site");
        var result = EngineRun.Engine(["run", Write("corrupt.ipynb", "{ \"cells\": [ {"), Write("python.ipynb", Python), Write("ok.ipynb", CSharp), "--out", site]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"corrupt.ipynb: not run: {Path.Combine(root, "corrupt.ipynb")} is not a notebook: invalid JSON at line 1", result.Output);
        Assert.Contains($"python.ipynb: not run: {Path.Combine(root, "python.ipynb")} is a python notebook (kernel python3); expected a C# notebook", result.Output);
        Assert.Contains("ok.ipynb: passed", result.Output);
        Assert.Contains("1 of 3 notebooks passed.", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.Contains("42", File.ReadAllText(Path.Combine(site, "notebooks", "ok.ipynb")));
        Assert.False(File.Exists(Path.Combine(site, "notebooks", "python.ipynb")));
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("corrupt.ipynb <span class=\"status not\"", index);
        Assert.Contains("python.ipynb <span class=\"status not\"", index);
    }

    [Fact]
    public void A_missing_path_is_one_line_naming_it()
    {
        var missing = Path.Combine(root, "07-lstn.ipynb");
        var result = EngineRun.Engine(["run", missing, "--out", Path.Combine(root, "site")]);
        OneLineWithoutStackTrace(result);
        Assert.Contains($"No notebook or folder at {missing}; expected a notebook (.ipynb) or a folder of them.", result.Output);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_written_is_one_line_naming_it()
    {
        var file = Write("site", "a file where the site should go");
        var result = EngineRun.Engine(["run", Write("ok.ipynb", CSharp), "--out", Path.Combine(file, "inside")]);
        OneLineWithoutStackTrace(result);
        Assert.StartsWith($"--out {Path.Combine(file, "inside")}: cannot write there (", result.Output.Trim());
        Assert.EndsWith("expected a folder this user can create and write.", result.Output.Trim());
    }

    [Fact]
    public void An_empty_folder_fails_with_a_clear_message()
    {
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        var result = EngineRun.Engine(["run", empty, "--out", Path.Combine(root, "site")]);
        OneLineWithoutStackTrace(result);
        Assert.Contains($"No notebooks (*.ipynb) in {empty}; nothing to run.", result.Output);
    }

    [Fact]
    public void Jobs_below_one_is_refused()
    {
        var result = EngineRun.Engine(["run", Write("ok.ipynb", CSharp), "--jobs", "0"]);
        OneLineWithoutStackTrace(result);
        Assert.Contains("--jobs 0: expected at least 1 notebook at a time.", result.Output);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
