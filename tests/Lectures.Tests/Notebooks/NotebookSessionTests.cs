using Lectures.Notebooks.Execution;
using Lectures.Tests.Support;

namespace Lectures.Tests.Notebooks;

/// <summary>Cell semantics of the engine, matching .NET Interactive's C# kernel.</summary>
[Trait("Category", "Notebooks")]
[Collection(ConsoleCollection.Name)]
public class NotebookSessionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("session-").FullName;
    private readonly NotebookSession session;

    public NotebookSessionTests() => session = new NotebookSession(folder);

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private CellExecution Run(string code) => session.ExecuteAsync(code).GetAwaiter().GetResult();

    private static string Text(CellExecution cell, string stream = "stdout") =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == stream).Select(s => s.Text));

    private static string Result(CellExecution cell) => cell.Outputs.OfType<ResultOutput>().Single().Data["text/plain"];

    [Fact]
    public void Variables_types_and_usings_carry_over_between_cells()
    {
        Assert.True(Run("using System.Numerics;\nrecord Point(int X, int Y);\nvar p = new Point(1, 2);").Succeeded);
        Assert.True(Run("class Box<T>(T value) { public T Value => value; }").Succeeded);
        var cell = Run("new Box<Point>(p with { Y = 5 }).Value.Y + (int)BigInteger.One");
        Assert.Equal("6", Result(cell));
    }

    [Fact]
    public void A_cell_shows_null_where_roslyn_gives_the_submission_a_result_as_dotnet_interactive_does()
    {
        Assert.Equal("<null>", Result(Run("string nothing = null;\nnothing")));
        // A return statement in a local function inside a block gives the submission a result too (Roslyn's rule).
        Assert.Equal("<null>", Result(Run("{\n    int One() { return 1; }\n    System.Console.WriteLine(One());\n}")));
        Assert.Empty(Run("int Two() { return 2; }\nSystem.Console.WriteLine(Two());").Outputs.OfType<ResultOutput>());
        Assert.Empty(Run("System.Func<int> three = () => { return 3; };").Outputs.OfType<ResultOutput>());
    }

    [Fact]
    public void Default_imports_are_those_of_dotnet_interactive()
    {
        var cell = Run("var sb = new StringBuilder(); sb.Append(new List<int> { 3, 1, 2 }.OrderBy(x => x).First()); sb.ToString()");
        Assert.Equal("1", Result(cell));
    }

    [Fact]
    public void A_compile_error_leaves_the_state_unchanged_and_names_line_and_code()
    {
        Run("var x = 1;");
        var bad = Run("x = 2;\nvar y = undefinedName;");
        Assert.False(bad.Succeeded);
        Assert.Equal("CompilationError", bad.Error!.Name);
        Assert.Contains("(2,9): error CS0103: The name 'undefinedName' does not exist in the current context", bad.Error.Message);
        Assert.Equal(2, bad.Error.Line);
        // As in .NET Interactive, the diagnostics also go to stderr, one paragraph each.
        Assert.Equal("\n(2,9): error CS0103: The name 'undefinedName' does not exist in the current context\n\n", Text(bad, "stderr"));
        Assert.Equal("1", Result(Run("x")));
    }

    [Fact]
    public void Warnings_go_to_stderr_after_the_cell_runs_as_in_dotnet_interactive()
    {
        var cell = Run("#warning look here\nfor (var i = 0; i < 3; i++) { }\nConsole.WriteLine(\"ran\");");
        Assert.True(cell.Succeeded);
        Assert.Equal("ran\n", Text(cell));
        // The position is the cell's as written, not shifted by the interruption checks the engine inserts in loops.
        Assert.Equal("\n(1,10): warning CS1030: #warning: 'look here'\n\n", Text(cell, "stderr"));
        Assert.Equal("", Text(Run("var quiet = 1;"), "stderr"));
    }

    [Fact]
    public void A_runtime_error_keeps_the_state_reached_and_reports_its_line()
    {
        var bad = Run("var a = 10;\nvar b = 0;\nConsole.WriteLine(\"before\");\nvar c = a / b;");
        Assert.Equal("System.DivideByZeroException", bad.Error!.Name);
        Assert.Equal(4, bad.Error.Line);
        Assert.Equal("before\n", Text(bad));
        Assert.Equal("10", Result(Run("a")));
    }

    [Fact]
    public void Top_level_await_works()
    {
        Assert.Equal("42", Result(Run("await Task.Delay(10);\nawait Task.FromResult(42)")));
    }

    [Fact]
    public void Stdout_and_stderr_are_captured_in_order_and_merged_per_stream()
    {
        var cell = Run("Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\"); Console.WriteLine(\"c\");");
        var streams = cell.Outputs.Cast<StreamOutput>().Select(s => (s.Name, s.Text)).ToList();
        Assert.Equal([("stdout", "ab\n"), ("stderr", "oops\n"), ("stdout", "c\n")], streams);
    }

    [Fact]
    public void Display_shows_now_and_update_replaces_in_place()
    {
        var cell = Run("var d = display(\"step 1\");\nConsole.WriteLine(\"between\");\nd.Update(\"step 2\");");
        var first = Assert.IsType<DisplayOutput>(cell.Outputs[0]);
        Assert.Equal("step 2", first.Data["text/plain"]);
        Assert.Equal("between\n", Assert.IsType<StreamOutput>(cell.Outputs[1]).Text);
        var later = Run("d.Update(\"step 3\");");
        Assert.Empty(later.Outputs);
        Assert.Equal("step 3", ((DisplayOutput)cell.Outputs[0]).Data["text/plain"]);
    }

    [Fact]
    public void Html_is_shown_raw_and_objects_get_text_and_html()
    {
        var html = Run("HTML(\"<b>bold</b>\")");
        Assert.Equal("<b>bold</b>", html.Outputs.OfType<ResultOutput>().Single().Data["text/html"]);
        var table = Run("new[] { new { Name = \"h\", Size = 3 } }").Outputs.OfType<ResultOutput>().Single();
        Assert.Contains("<table", table.Data["text/html"]);
        Assert.Contains("Size", table.Data["text/plain"]);
    }

    [Fact]
    public void Magics_time_markdown_and_unknown()
    {
        Assert.Matches(@"^Wall time: [\d.]+ms$", Assert.Single(Run("#!time\nvar t = 1;").Outputs.OfType<DisplayOutput>()).Data["text/plain"]);
        var markdown = Run("#!markdown\n# Not C#\nwith $x^2$");
        Assert.True(markdown.Succeeded);
        // As .NET Interactive shows it: Markdig's HTML (auto identifiers, math spans), no text/plain.
        Assert.Equal("<h1 id=\"not-c\">Not C#</h1>\n<p>with <span class=\"math\">\\(x^2\\)</span></p>\n",
            Assert.Single(markdown.Outputs.OfType<DisplayOutput>()).Data["text/html"]);
        Assert.True(Run("#!csharp\nvar ok = true;").Succeeded);
        var unknown = Run("#!fsharp\nlet x = 1");
        Assert.Equal("Unknown magic command '#!fsharp'. This engine knows #!csharp, #!markdown and #!time.", unknown.Error!.Message);
    }

    [Fact]
    public void Load_and_r_resolve_relative_to_the_notebook_folder()
    {
        File.WriteAllText(Path.Combine(folder, "helpers.csx"), "int Twice(int x) => 2 * x;");
        Assert.True(Run("#load \"helpers.csx\"").Succeeded);
        Assert.Equal("8", Result(Run("Twice(4)")));

        var lib = Path.Combine(folder, "lib");
        Directory.CreateDirectory(lib);
        File.Copy(typeof(Repo).Assembly.Location, Path.Combine(lib, "Lectures.Tests.dll"));
        var cell = Run("#r \"lib/Lectures.Tests.dll\"\nLectures.Tests.Support.Repo.Root.Length > 0");
        Assert.True(cell.Succeeded, cell.Error?.Message);
        Assert.Equal("True", Result(cell));
    }

    [Fact]
    public void Plotly_nuget_interactive_directive_is_satisfied_by_the_engine()
    {
        var cell = Run("#r \"nuget: Plotly.NET.Interactive, 5.0.0\"\n1 + 1");
        Assert.True(cell.Succeeded, cell.Error?.Message);
        Assert.Equal("2", Result(cell));
    }

    [Fact]
    public void A_tensor_result_shows_its_values_through_the_library_formatter()
    {
        var lib = Repo.Path("artifacts", "bin", "Lectures", "release", "Lectures.dll").Replace('\\', '/');
        var cell = Run($"#r \"{lib}\"\nLectures.Kit.Seed(1);\nTorchSharp.torch.tensor(new float[] {{ 1, 2, 3, 4 }}).reshape(2, 2)");
        Assert.True(cell.Succeeded, cell.Error?.Message);
        Assert.Equal("[2x2], type = Float32, device = cpu\n 1 2\n 3 4", Result(cell));
    }

    [Fact]
    public void A_libtorch_error_shows_its_message_without_the_native_stack()
    {
        var lib = Repo.Path("artifacts", "bin", "Lectures", "release", "TorchSharp.dll").Replace('\\', '/');
        var cell = Run($"#r \"{lib}\"\nTorchSharp.torch.ones(2).add(TorchSharp.torch.ones(3))");
        Assert.False(cell.Succeeded);
        Assert.Equal("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0", cell.Error!.Message);
        Assert.Contains("Exception raised from", string.Join("\n", cell.Error.Traceback));
    }

    [Fact]
    public void Tensors_a_cell_creates_stay_reachable_until_the_cell_ends_and_live_on_after_it()
    {
        var lib = Repo.Path("artifacts", "bin", "Lectures", "release", "TorchSharp.dll").Replace('\\', '/');
        Assert.True(Run($"#r \"{lib}\"\nvar kept = TorchSharp.torch.ones(3);").Succeeded);
        // A temporary nobody references: without the cell's scope the collector finalizes (frees) it at once, which
        // is what lets a native call such as torch.stack read freed memory.
        var cell = Run("var weak = Enumerable.Range(0, 100).Select(i => new WeakReference(TorchSharp.torch.ones(2) + i)).ToList();\n" +
                       "GC.Collect(); GC.WaitForPendingFinalizers();\nweak.Count(w => w.IsAlive)");
        Assert.Equal("100", Result(cell));
        Assert.Equal("0", Result(Run("GC.Collect(); GC.WaitForPendingFinalizers();\nweak.Count(w => w.IsAlive)")));   // and freed after it
        Assert.Equal("3", Result(Run("kept.sum().item<float>()")));
    }
}
