using Lectures.Tests.Notebooks;
using Lectures.Tests.Support;
using static Lectures.Tests.Grading.GradingRun;

namespace Lectures.Tests.Grading;

/// <summary>
/// A kit that lives under /tmp (a throwaway clone, say) still grades in the sandbox. The sandbox gives each
/// submission a private /tmp; mounted after the kit's read-only binds, it once hid the build an assignment's
/// <c>#r</c> loads, and every cell failed.
/// </summary>
[Trait("Category", "Grading")]
public class KitUnderTmpTests
{
    [SkippableFact]
    public void A_kit_under_tmp_grades_the_solution_full_marks_in_the_sandbox()
    {
        ExternalTool.Bubblewrap.Require();
        var kit = Directory.CreateTempSubdirectory("lectures-kit-").FullName;
        try
        {
            Assert.StartsWith("/tmp/", kit);
            // The kit's layout with this build: the assignment's "../../artifacts/…" then points below /tmp.
            Directory.CreateSymbolicLink(Path.Combine(kit, "artifacts"), Repo.Path("artifacts"));
            var assignments = Directory.CreateDirectory(Path.Combine(kit, "notebooks", "assignments")).FullName;
            var submission = Directory.CreateDirectory(Path.Combine(kit, "submissions", "solution")).FullName;
            File.Copy(Path.Combine(Assignments, First), Path.Combine(assignments, First));
            File.Copy(Path.Combine(Assignments, First), Path.Combine(submission, First));
            var grades = Path.Combine(kit, "grades");

            var (exit, output) = EngineRun.Engine(["grade", assignments, Path.Combine(kit, "submissions"), "--out", grades], TimeSpan.FromMinutes(10));

            Assert.True(exit == 0, output);
            Assert.Contains("Sandbox: bubblewrap.", output);
            var score = Score(grades, "solution");
            Assert.True(score["max_total"]!.GetValue<double>() == score["total"]!.GetValue<double>(), score.ToJsonString());
        }
        finally
        {
            Directory.Delete(kit, recursive: true);
        }
    }
}
