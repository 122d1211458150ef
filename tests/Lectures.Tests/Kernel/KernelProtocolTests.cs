using Lectures.Tests.Support;
using System.Text.Json.Nodes;

namespace Lectures.Tests.Kernel;

/// <summary>
/// The kernel against a Jupyter client no one here wrote (Debian's jupyter_client, BlockingKernelClient):
/// kernel_info, execute with every output kind and busy/idle around it, is_complete, completion, inspection,
/// history, comm_info, wrongly signed messages ignored, interrupt of a cell that never ends, and shutdown.
/// </summary>
[Trait("Category", "Kernel")]
public class KernelProtocolTests(KernelProtocolRun run) : IClassFixture<KernelProtocolRun>
{
    private JsonObject Report => run.Report;

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    private JsonObject Cell(int index) => Report["cells"]![index]!.AsObject();

    private static JsonObject[] Iopub(JsonObject cell) => cell["iopub"]!.AsArray().Select(m => m!.AsObject()).ToArray();

    private static string[] Types(JsonObject cell) => Iopub(cell).Select(m => Str(m["type"])).ToArray();

    private static JsonObject Content(JsonObject cell, string type) => Iopub(cell).Single(m => Str(m["type"]) == type)["content"]!.AsObject();

    [SkippableFact]
    public void Kernel_info_names_protocol_5_3_and_csharp()
    {
        ExternalTool.Jupyter.Require();
        var info = Report["kernel_info"]!;
        Assert.Equal("ok", Str(info["status"]));
        Assert.Equal("5.3", Str(info["protocol_version"]));
        Assert.Equal("rnn-lectures-csharp", Str(info["implementation"]));
        Assert.Equal("C#", Str(info["language_info"]!["name"]));
        Assert.Equal(".cs", Str(info["language_info"]!["file_extension"]));
    }

    [SkippableFact]
    public void Every_execution_is_wrapped_in_busy_and_idle_and_echoes_its_input_with_a_counting_execution_count()
    {
        ExternalTool.Jupyter.Require();
        var cells = Report["cells"]!.AsArray().Select(c => c!.AsObject()).ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            var types = Types(cells[i]);
            Assert.Equal(["status", "execute_input"], types[..2]);
            Assert.Equal("status", types[^1]);
            Assert.Equal(["busy", "idle"], Iopub(cells[i]).Where(m => Str(m["type"]) == "status").Select(m => Str(m["content"]!["execution_state"])));
            // The blank warm-up request does not count, as in IPython: the first cell is number 1.
            Assert.Equal(i + 1, cells[i]["reply"]!["execution_count"]!.GetValue<int>());
            Assert.Equal(i + 1, Content(cells[i], "execute_input")["execution_count"]!.GetValue<int>());
        }
    }

    [SkippableFact]
    public void Streams_results_and_state_carry_across_cells()
    {
        ExternalTool.Jupyter.Require();
        Assert.Equal("ok", Str(Cell(0)["reply"]!["status"]));
        Assert.Equal("hello\n", Str(Content(Cell(0), "stream")["text"]));
        Assert.Equal("stdout", Str(Content(Cell(0), "stream")["name"]));
        var result = Content(Cell(1), "execute_result");
        Assert.Equal("42", Str(result["data"]!["text/plain"]));
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
    }

    [SkippableFact]
    public void Display_and_update_in_place_share_a_display_id()
    {
        ExternalTool.Jupyter.Require();
        Assert.Equal(["status", "execute_input", "display_data", "update_display_data", "status"], Types(Cell(2)));
        var shown = Content(Cell(2), "display_data");
        var updated = Content(Cell(2), "update_display_data");
        Assert.Equal("first", Str(shown["data"]!["text/plain"]));
        Assert.Equal("second", Str(updated["data"]!["text/plain"]));
        Assert.Equal(Str(shown["transient"]!["display_id"]), Str(updated["transient"]!["display_id"]));
    }

    [SkippableFact]
    public void A_cell_that_throws_sends_stderr_then_an_error_and_an_error_reply()
    {
        ExternalTool.Jupyter.Require();
        var cell = Cell(3);
        Assert.Equal(["status", "execute_input", "stream", "error", "status"], Types(cell));
        Assert.Equal("stderr", Str(Content(cell, "stream")["name"]));
        Assert.Equal("to stderr\n", Str(Content(cell, "stream")["text"]));
        var reply = cell["reply"]!;
        Assert.Equal("error", Str(reply["status"]));
        Assert.Equal("System.InvalidOperationException", Str(reply["ename"]));
        Assert.Equal("boom", Str(reply["evalue"]));
        Assert.Contains("line 2", Str(reply["traceback"]![0]));
        Assert.Equal("System.InvalidOperationException", Str(Content(cell, "error")["ename"]));
    }

    [SkippableFact]
    public void Magics_work_as_in_the_runner()
    {
        ExternalTool.Jupyter.Require();
        Assert.Equal("40", Str(Content(Cell(4), "execute_result")["data"]!["text/plain"]));
        Assert.Matches(@"^Wall time: [\d.]+ms$", Str(Content(Cell(4), "display_data")["data"]!["text/plain"]));
    }

    [SkippableFact]
    public void Is_complete_tells_unfinished_code_from_finished_and_invalid()
    {
        ExternalTool.Jupyter.Require();
        var statuses = Report["is_complete"]!;
        Assert.Equal("incomplete", Str(statuses["for (var i = 0; i < 3; i++) {"]));
        Assert.Equal("complete", Str(statuses["var y = 1;"]));
        Assert.Equal("invalid", Str(statuses["var z = ;"]));
    }

    [SkippableFact]
    public void Completion_offers_members_names_in_scope_and_statics_with_cursor_positions()
    {
        ExternalTool.Jupyter.Require();
        var complete = Report["complete"]!;
        JsonNode Matches(string key) => complete[key]!["matches"]!;
        Assert.Contains("Count", Matches("member").AsArray().Select(Str));
        Assert.DoesNotContain("Add", Matches("member").AsArray().Select(Str));
        Assert.Equal(8, complete["member"]!["cursor_start"]!.GetValue<int>());
        Assert.Equal(11, complete["member"]!["cursor_end"]!.GetValue<int>());
        Assert.Contains("numbers", Matches("scope").AsArray().Select(Str));
        Assert.Contains("WriteLine", Matches("static").AsArray().Select(Str));
        // A directive line above the cursor: positions still count in the cell as typed.
        Assert.Contains("Add", Matches("after_directive").AsArray().Select(Str));
        Assert.Equal(15, complete["after_directive"]!["cursor_start"]!.GetValue<int>());
    }

    [SkippableFact]
    public void Inspection_shows_signatures_and_documentation()
    {
        ExternalTool.Jupyter.Require();
        var inspect = Report["inspect"]!;
        string Text(string key) => Str(inspect[key]!["data"]!["text/plain"]);
        Assert.True(inspect["library"]!["found"]!.GetValue<bool>());
        Assert.StartsWith("void Kit.Seed(int seed)", Text("library"));
        Assert.Contains("Seeds everything random in the kit", Text("library"));
        Assert.StartsWith("double Math.Sqrt(double d)", Text("framework"));
        Assert.Contains("List<int> numbers", Text("variable"));
    }

    [SkippableFact]
    public void History_gives_the_last_inputs_and_comm_info_answers_empty()
    {
        ExternalTool.Jupyter.Require();
        Assert.Equal("ok", Str(Report["history"]!["status"]));
        var history = Report["history"]!["history"]!.AsArray().Select(h => h!.AsArray()).ToList();
        Assert.Equal(7, history.Count);   // the client asked for the last 10; seven cells were run (the blank one does not count)
        Assert.Equal("var x = 20;\nConsole.WriteLine(\"hello\");", Str(history[0][2]));
        Assert.All(history, h => Assert.Equal(1, h[0]!.GetValue<int>()));
        Assert.Equal(history.Select(h => h[1]!.GetValue<int>()).Order(), history.Select(h => h[1]!.GetValue<int>()));
        Assert.StartsWith("#r \"", Str(history[^1][2]));
        Assert.Equal("ok", Str(Report["comm_info"]!["status"]));
        Assert.Empty(Report["comm_info"]!["comms"]!.AsObject());
    }

    [SkippableTheory]
    [InlineData("wrong_key")]
    [InlineData("unsigned")]
    public void A_wrongly_signed_message_is_dropped_and_logged_never_executed(string forgery)
    {
        ExternalTool.Jupyter.Require();
        var forged = Report[$"forged_{forgery}"]!;
        Assert.Empty(forged["answered"]!.AsArray());
        // The forged cell declared a variable of this name; using it afterwards fails to compile.
        Assert.Equal("error", Str(forged["after"]!["status"]));
        Assert.Equal("CompilationError", Str(forged["after"]!["ename"]));
        Assert.Contains("kernel: dropped a message on shell: invalid signature", run.Output);
    }

    [SkippableTheory]
    [InlineData("shell_number")]
    [InlineData("shell_utf8")]
    [InlineData("control_number")]
    [InlineData("control_utf8")]
    public void A_signed_message_with_a_malformed_header_is_dropped_and_the_kernel_stays_up(string probe)
    {
        ExternalTool.Jupyter.Require();
        var malformed = Report["malformed"]!;
        Assert.True(malformed[probe]!["alive"]!.GetValue<bool>());
        Assert.Equal("ok", Str(malformed[probe]!["kernel_info"]));
        Assert.Equal("ok", Str(malformed["after"]!["status"]));
        Assert.Contains(probe.EndsWith("utf8") ? "a frame is not valid UTF-8" : "expected the header's msg_type to be a string, found 5", run.Output);
    }

    [SkippableFact]
    public void Interrupt_stops_a_cell_that_never_ends_and_the_kernel_keeps_its_state()
    {
        ExternalTool.Jupyter.Require();
        var interrupt = Report["interrupt"]!;
        Assert.Equal("error", Str(interrupt["reply"]!["status"]));
        Assert.Equal("CellInterrupted", Str(interrupt["reply"]!["ename"]));
        Assert.InRange(interrupt["latency_seconds"]!.GetValue<double>(), 0, 5); // about 20 ms on a quiet machine
        var after = interrupt["after"]!.AsObject();
        Assert.Equal("True", Str(Content(after, "execute_result")["data"]!["text/plain"]));
    }

    [SkippableFact]
    public void Shutdown_replies_on_control_and_the_process_exits_cleanly()
    {
        ExternalTool.Jupyter.Require();
        var shutdown = Report["shutdown"]!;
        Assert.Equal("ok", Str(shutdown["reply"]!["status"]));
        Assert.True(shutdown["reply_parent"]!.GetValue<bool>());
        Assert.True(shutdown["exited"]!.GetValue<bool>());
        Assert.Equal(0, shutdown["exit_code"]!.GetValue<int>());
        Assert.InRange(shutdown["exit_seconds"]!.GetValue<double>(), 0, 10);
    }
}
