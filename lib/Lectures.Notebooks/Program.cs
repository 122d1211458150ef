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

var jobs = new Option<int>("--jobs")
{
    Description = "How many notebooks run at once, each in its own worker process (default: the machine's cores)",
    DefaultValueFactory = _ => Environment.ProcessorCount,
};

var run = new Command("run", "Execute notebooks and build the course site") { paths, output, allowErrors, timeout, inPlace, jobs };
run.SetAction(async (parse, _) =>
{
    var site = parse.GetValue(output)!;
    if (Inputs(parse.GetValue(paths)!, parse.GetValue(jobs)) is not { } notebooks || Unwritable(site, "--out") is not null) return 2;
    CourseInfo course;
    try { course = CourseInfo.Load(CommonFolder(notebooks)); }
    catch (InvalidDataException e) { Console.Error.WriteLine(e.Message); return 2; }
    var runs = await RunAll(notebooks, parse.GetValue(timeout), parse.GetValue(allowErrors), parse.GetValue(jobs),
        n => parse.GetValue(inPlace) ? n : Path.Combine(site, "notebooks", Path.GetFileName(n)));
    try { SiteBuilder.Build(site, runs, course); }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"The site could not be written to {site}: {e.Message}");
        return 2;
    }
    Console.WriteLine($"Site: {Path.GetFullPath(Path.Combine(site, "index.html"))}");
    return runs.All(r => r.Passed) ? 0 : 1;
});

var check = new Command("check", "Execute notebooks and compare their text outputs with a reference copy") { paths, reference, timeout, jobs };
check.SetAction(async (parse, _) =>
{
    var referenceFolder = parse.GetValue(reference)!;
    if (!Directory.Exists(referenceFolder)) { Console.Error.WriteLine($"--reference {referenceFolder}: no such folder; expected a folder of executed notebooks."); return 2; }
    if (Inputs(parse.GetValue(paths)!, parse.GetValue(jobs)) is not { } notebooks) return 2;
    var scratch = Directory.CreateTempSubdirectory("lectures-check-").FullName;
    try
    {
        var runs = await RunAll(notebooks, parse.GetValue(timeout), allowErrors: true, parse.GetValue(jobs), n => Path.Combine(scratch, Path.GetFileName(n)));
        var differences = runs.SelectMany(r =>
        {
            var expected = Path.Combine(referenceFolder, r.Name);
            return !r.Executed ? [$"{r.Name}: not run: {r.Problem}"]
                : File.Exists(expected) ? OutputComparer.Compare(Notebook.Load(expected), Notebook.Load(r.Output))
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

// The notebooks run and check execute, or null after printing why there are none to run (a missing path, an
// empty folder, two notebooks that would write the same executed copy, a --jobs below 1): usage errors, found
// before anything runs. A file that is there but is not a C# notebook is the runner's to report.
static List<string>? Inputs(string[] paths, int jobs)
{
    if (jobs < 1) { Console.Error.WriteLine($"--jobs {jobs}: expected at least 1 notebook at a time."); return null; }
    List<string> notebooks;
    try { notebooks = Find(paths).Select(Path.GetFullPath).Distinct().ToList(); }
    catch (FileNotFoundException e) { Console.Error.WriteLine($"{e.Message}; expected a notebook (.ipynb) or a folder of them."); return null; }
    if (notebooks.Count == 0) { Console.Error.WriteLine($"No notebooks (*.ipynb) in {string.Join(", ", paths)}; nothing to run."); return null; }
    if (notebooks.GroupBy(Path.GetFileName).FirstOrDefault(g => g.Count() > 1) is { } clash)
    {
        Console.Error.WriteLine($"Two notebooks are named {clash.Key} ({string.Join(", ", clash)}); their executed copies and pages would overwrite each other.");
        return null;
    }
    return notebooks;
}

// Null when the folder can be created and written, else the one-line error, printed.
static string? Unwritable(string folder, string option)
{
    try
    {
        Directory.CreateDirectory(folder);
        var probe = Path.Combine(folder, $".write-check-{Environment.ProcessId}");
        File.WriteAllText(probe, "");
        File.Delete(probe);
        return null;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        var problem = $"{option} {folder}: cannot write there ({e.Message}); expected a folder this user can create and write.";
        Console.Error.WriteLine(problem);
        return problem;
    }
}

// The deepest folder holding every notebook: where the course's course.json, assignments/ and figures/ are.
static string CommonFolder(IReadOnlyList<string> notebooks)
{
    var folders = notebooks.Select(n => Path.GetDirectoryName(n)!).ToList();
    var folder = folders[0];
    while (!folders.All(f => f == folder || f.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
           && Path.GetDirectoryName(folder) is { } parent)
        folder = parent;
    return folder;
}

static async Task<IReadOnlyList<NotebookRun>> RunAll(List<string> notebooks, int timeoutSeconds, bool allowErrors, int jobs, Func<string, string> outputFor)
{
    var log = TextWriter.Synchronized(Console.Out);
    // One libtorch thread per worker whatever --jobs is, so a notebook prints the same numbers however many run beside it
    // (the course's notebooks also say so themselves, with torch.set_num_threads(1)).
    var runner = new NotebookRunner(TimeSpan.FromSeconds(timeoutSeconds), allowErrors, log) { WorkerThreads = 1 };
    return await NotebookBatch.RunAsync(runner, notebooks, jobs, outputFor, log);
}
