using Lectures.Data;

namespace Lectures.Tests.Data;

[Trait("Category", "Toolkit")]
public class DataFilesTests
{
    [Fact]
    public void Genesis_loads_all_verses_from_the_repository_data_folder()
    {
        var verses = DataFiles.Genesis();

        Assert.Equal(1533, verses.Count);
        Assert.Equal("In the beginning God created the heaven and the earth.", verses[0]);
        Assert.EndsWith("he was put in a coffin in Egypt.", verses[^1]);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_file_and_line_number()
    {
        var path = Path.Combine(Path.GetTempPath(), $"genesis-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(path, "1:1\tIn the beginning.\n1:2 no tab here\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => DataFiles.Genesis(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("line 2", error.Message);
            Assert.Contains("chapter:verse<TAB>text", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_names_the_file_and_where_it_was_looked_for()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DataFiles.Find("no-such-file.txt"));
        Assert.Contains("no-such-file.txt", error.Message);
        Assert.Contains("Looked in", error.Message);
        Assert.Throws<FileNotFoundException>(() => DataFiles.Genesis("/nonexistent/genesis.tsv"));
    }
}
