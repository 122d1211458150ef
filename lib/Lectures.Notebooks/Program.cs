using System.CommandLine;
using Lectures.Notebooks.Checking;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Kernel;
using Lectures.Notebooks.Nbformat;
using Lectures.Notebooks.Running;
using Lectures.Notebooks.Site;

// The course's notebook engine:
//   run    executes notebooks (each in its own worker process) and builds the readable site
//   check  executes notebooks and compares their text outputs with a reference copy
//   assign writes the student version of graded assignment notebooks (nbgrader's assign)
//   grade  executes submissions with the instructor's tests and writes scores, feedback and a gradebook (autograde)
//   worker (internal) executes one notebook for run and check
//   grade-worker (internal) runs one submission's cells for grade, inside its sandbox
//   kernel serves Jupyter front ends (JupyterLab, VS Code, nbconvert) through an installed kernelspec

var paths = new Argument<string[]>("notebooks") { Description = "Notebooks or folders of notebooks", DefaultValueFactory = _ => ["notebooks"] };
var output = new Option<string>("--out") { Description = "Folder for executed notebooks and the site", DefaultValueFactory = _ => Path.Combine("artifacts", "site") };
var allowErrors = new Option<bool>("--allow-errors") { Description = "Run every cell even after one fails" };
var timeout = new Option<int>("--cell-timeout") { Description = "Seconds a cell may run before its notebook is stopped (the first cell, which also starts the engine, gets at least 120 s)", DefaultValueFactory = _ => 300 };
var inPlace = new Option<bool>("--in-place") { Description = "Write executed notebooks over the sources" };
var reference = new Option<string>("--reference") { Description = "Folder of executed reference notebooks", Required = true };

var run = new Command("run", "Execute notebooks and build the course site") { paths, output, allowErrors, timeout, inPlace };
run.SetAction(async (parse, _) =>
{
    var notebooks = Find(parse.GetValue(paths)!);
    if (notebooks.Count == 0) { Console.WriteLine($"No notebooks found in {string.Join(", ", parse.GetValue(paths)!)}; nothing to run."); return 0; }
    var site = parse.GetValue(output)!;
    var runs = await RunAll(notebooks, parse.GetValue(timeout), parse.GetValue(allowErrors),
        n => parse.GetValue(inPlace) ? n : Path.Combine(site, "notebooks", Path.GetFileName(n)));
    SiteBuilder.Build(site, runs);
    Console.WriteLine($"Site: {Path.GetFullPath(Path.Combine(site, "index.html"))}");
    return runs.All(r => r.Passed) ? 0 : 1;
});

var check = new Command("check", "Execute notebooks and compare their text outputs with a reference copy") { paths, reference, timeout };
check.SetAction(async (parse, _) =>
{
    var notebooks = Find(parse.GetValue(paths)!);
    var scratch = Directory.CreateTempSubdirectory("lectures-check-").FullName;
    try
    {
        var runs = await RunAll(notebooks, parse.GetValue(timeout), allowErrors: true, n => Path.Combine(scratch, Path.GetFileName(n)));
        var differences = runs.SelectMany(r =>
        {
            var expected = Path.Combine(parse.GetValue(reference)!, r.Name);
            return File.Exists(expected)
                ? OutputComparer.Compare(Notebook.Load(expected), Notebook.Load(r.Output))
                : [$"{r.Name}: no reference copy at {expected}"];
        }).ToList();
        foreach (var d in differences) Console.WriteLine(d);
        Console.WriteLine(differences.Count == 0 ? $"{runs.Count} notebooks match their reference." : $"{differences.Count} differences.");
        return differences.Count == 0 ? 0 : 1;
    }
    finally { Directory.Delete(scratch, recursive: true); }
});

var workerSource = new Argument<string>("source");
var workerOutput = new Argument<string>("output");
var worker = new Command("worker", "Execute one notebook (used by run and check)") { workerSource, workerOutput, allowErrors };
worker.Hidden = true;
worker.SetAction((parse, _) => NotebookWorker.RunAsync(parse.GetValue(workerSource)!, parse.GetValue(workerOutput)!, parse.GetValue(allowErrors)));

var solutions = new Argument<string>("solutions") { Description = "The instructor's assignment notebook (solutions, hidden tests) or a folder of them" };
var assignOutput = new Option<string>("--out") { Description = "Folder for the student versions", Required = true };
var assign = new Command("assign", "Write student versions: solution regions become stubs, hidden tests and outputs are removed") { solutions, assignOutput };
assign.SetAction(parse =>
{
    var sources = Find([parse.GetValue(solutions)!]).Where(n => !Path.GetFileName(n).StartsWith('.')).ToList();
    if (sources.Count == 0) { Console.Error.WriteLine($"No notebooks found in {parse.GetValue(solutions)}."); return 2; }
    try
    {
        foreach (var written in StudentVersion.Assign(sources, parse.GetValue(assignOutput)!)) Console.WriteLine($"student version: {written}");
        return 0;
    }
    catch (InvalidDataException e) { Console.Error.WriteLine(e.Message); return 2; }
});

var submissions = new Argument<string>("submissions")
{
    Description = "A submitted notebook, or a folder with a file or a subfolder (holding the assignment's notebooks) per student",
};
var gradeOutput = new Option<string>("--out") { Description = "Folder for <student>/feedback.html, <student>/score.json and gradebook.csv", Required = true };
var gradeTimeout = new Option<int>("--cell-timeout")
{
    Description = "Seconds a cell may run before it is stopped (its part scores zero; the rest still runs). The setup cell gets at least 120 s",
    DefaultValueFactory = _ => 60,
};
var gradeBudget = new Option<int>("--budget")
{
    Description = "Seconds one submitted notebook may take in all, restarts included (also its CPU time); cells it leaves no time for are not run",
    DefaultValueFactory = _ => 300,
};
var gradeMemory = new Option<int>("--memory") { Description = "Megabytes of memory one submission may use (Linux)", DefaultValueFactory = _ => 2048 };
var gradeJobs = new Option<int>("--jobs") { Description = "Students graded at the same time, each in its own sandbox (at most the number of cores)", DefaultValueFactory = _ => 1 };
var grade = new Command("grade", "Grade submissions with the instructor's tests: a score per part, feedback per student, a CSV gradebook")
    { solutions, submissions, gradeOutput, gradeTimeout, gradeBudget, gradeMemory, gradeJobs };
grade.SetAction(async (parse, _) =>
{
    var limits = new GradingLimits(TimeSpan.FromSeconds(parse.GetValue(gradeTimeout)), TimeSpan.FromSeconds(parse.GetValue(gradeBudget)), parse.GetValue(gradeMemory));
    try
    {
        var results = await new GradingBatch(limits, parse.GetValue(gradeJobs), Console.Out)
            .RunAsync(parse.GetValue(solutions)!, parse.GetValue(submissions)!, parse.GetValue(gradeOutput)!);
        Console.WriteLine($"Graded {results.Count} students; gradebook: " +
                          Path.GetFullPath(Path.Combine(parse.GetValue(gradeOutput)!, "gradebook.csv")));
        return 0;
    }
    catch (Exception e) when (e is InvalidDataException or FileNotFoundException or ArgumentException)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
});

var gradeWorkerFolder = new Argument<string>("folder");
var gradeWorkerCpu = new Option<int>("--cpu") { DefaultValueFactory = _ => 300 };
var gradeWorkerCellOutput = new Option<int>("--cell-output") { DefaultValueFactory = _ => 1024 };
var gradeWorkerNotebookOutput = new Option<int>("--notebook-output") { DefaultValueFactory = _ => 4096 };
var gradeWorkerFileSize = new Option<int>("--file-size") { DefaultValueFactory = _ => 256 };
var gradeWorker = new Command("grade-worker", "Run one submission's cells for grade (sent on standard input)")
    { gradeWorkerFolder, gradeMemory, gradeWorkerCpu, gradeWorkerCellOutput, gradeWorkerNotebookOutput, gradeWorkerFileSize };
gradeWorker.Hidden = true;
gradeWorker.SetAction(parse => GradingWorker.Run(parse.GetValue(gradeWorkerFolder)!,
    new GradingLimits(TimeSpan.Zero, TimeSpan.Zero, parse.GetValue(gradeMemory), parse.GetValue(gradeWorkerCellOutput),
        parse.GetValue(gradeWorkerNotebookOutput), parse.GetValue(gradeWorkerFileSize)),
    parse.GetValue(gradeWorkerCpu)));

var connectionFile = new Option<string>("--connection-file") { Description = "The connection file Jupyter wrote for this kernel (kernel.json passes it)" };
var kernel = new Command("kernel", "Run as a Jupyter kernel; `kernel install` makes JupyterLab, VS Code and nbconvert offer it") { connectionFile };
kernel.SetAction(parse =>
{
    if (parse.GetValue(connectionFile) is { } file) return KernelServer.Serve(file);
    Console.Error.WriteLine("kernel: expected --connection-file FILE (Jupyter passes it when it starts the kernel); to make Jupyter offer the kernel, run `kernel install`.");
    return 2;
});
var install = new Command("install", "Install the kernelspec for the current user (leaves .NET Interactive's kernel alone)");
install.SetAction(_ =>
{
    var folder = KernelSpecInstaller.Install();
    Console.WriteLine($"Installed the Jupyter kernel \"{KernelInfo.DisplayName}\" ({KernelInfo.Name}) in {folder}");
    Console.WriteLine($"It runs {typeof(KernelSpecInstaller).Assembly.Location}: rebuild the kit there, or run install again after moving it.");
    if (Directory.Exists(Path.Combine(KernelSpecInstaller.KernelsDirectory(), ".net-csharp")))
        Console.WriteLine(".NET Interactive's kernel (.net-csharp) is installed beside it and was left unchanged.");
});
var uninstall = new Command("uninstall", "Remove the kernelspec `kernel install` wrote");
uninstall.SetAction(_ => Console.WriteLine(KernelSpecInstaller.Uninstall() is { } folder
    ? $"Removed the Jupyter kernel {KernelInfo.Name} from {folder}"
    : $"No Jupyter kernel {KernelInfo.Name} in {KernelSpecInstaller.KernelsDirectory()}; nothing to remove."));
kernel.Add(install);
kernel.Add(uninstall);

var root = new RootCommand("Runs the course's C# notebooks with .NET Interactive semantics.") { run, check, assign, grade, gradeWorker, worker, kernel };
return await root.Parse(args).InvokeAsync();

static List<string> Find(IEnumerable<string> paths) =>
    paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.GetFiles(p, "*.ipynb").Where(f => !f.EndsWith(".running.ipynb")).Order(StringComparer.Ordinal)
            : File.Exists(p) ? [p] : throw new FileNotFoundException($"No notebook or folder at {p}", p))
        .ToList();

static async Task<List<NotebookRun>> RunAll(List<string> notebooks, int timeoutSeconds, bool allowErrors, Func<string, string> outputFor)
{
    var runner = new NotebookRunner(TimeSpan.FromSeconds(timeoutSeconds), allowErrors, Console.Out);
    var runs = new List<NotebookRun>();
    for (var i = 0; i < notebooks.Count; i++)
        runs.Add(await runner.RunAsync(notebooks[i], outputFor(notebooks[i]), $"{i + 1}/{notebooks.Count}"));
    Console.WriteLine($"\n{"notebook",-40} {"status",-10} {"time",8}");
    foreach (var r in runs) Console.WriteLine($"{r.Name,-40} {r.Status,-10} {r.Elapsed.TotalSeconds,7:0.0}s");
    var failed = runs.Where(r => !r.Passed).ToList();
    Console.WriteLine($"{runs.Count - failed.Count} of {runs.Count} notebooks passed in {runs.Sum(r => r.Elapsed.TotalSeconds):0.0} s.");
    foreach (var r in failed) Console.WriteLine($"FAILED {r.Name}: {r.Problem}");
    return runs;
}
