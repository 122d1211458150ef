using System.Reflection;
using System.Text;
using Lectures.Figures;

// Writes every figure to notebooks/figures/NAME.svg (or to the folder given), or with --check only reports which
// files differ from what the source draws. Each file is written to a temporary name and moved into place.
var check = args.Contains("--check");
var folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
             ?? typeof(Catalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FiguresFolder").Value!;
var stale = new List<string>();
foreach (var figure in Catalog.Draw())
{
    var path = Path.Combine(folder, figure.FileName);
    var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(figure.Svg);
    if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) continue;
    stale.Add(figure.FileName);
    if (check) continue;
    var temporary = path + ".tmp";
    File.WriteAllBytes(temporary, bytes);
    File.Move(temporary, path, overwrite: true);
}
Console.WriteLine(stale.Count == 0 ? $"all figures up to date in {folder}"
    : $"{(check ? "out of date" : "written")}: {string.Join(", ", stale)}");
return check && stale.Count > 0 ? 1 : 0;
