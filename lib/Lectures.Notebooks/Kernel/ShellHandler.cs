using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Execution;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Serves shell requests one at a time, in order, on the kernel's shell thread: execute runs the cell in the
/// notebook engine's session (the same <see cref="NotebookSession"/> the headless runner uses) and broadcasts its
/// outputs as they appear. Every request is wrapped in busy/idle status messages. As in IPython, a cell that is only
/// a name with a question mark (<c>Math.Sqrt?</c>, <c>?Math.Sqrt</c>) pages that name's help instead of running, and
/// executions are kept for history requests.
/// </summary>
public sealed partial class ShellHandler
{
    private readonly NotebookSession notebook;
    private readonly IopubPublisher iopub;
    private readonly Action<KernelChannel, JupyterMessage> send;
    private readonly Action<JupyterMessage, KernelChannel> shutdown;
    private readonly string session;
    private readonly TextWriter log;
    private readonly CompletionService completion;
    private readonly InspectionService inspection;
    private readonly ExecutionHistory history = new();
    private readonly BlockingCollection<JupyterMessage> queue = new();
    private readonly object gate = new();
    private CancellationTokenSource? running;
    // The execute request whose outputs are being broadcast (null while a silent one runs); output a cell's
    // background work writes later is attributed to the last request, as in ipykernel.
    private volatile JupyterMessage? outputParent;
    private int executionCount;

    /// <summary>Serves requests for <paramref name="notebook"/>; replies go out through <paramref name="send"/>.</summary>
    /// <param name="notebook">The session cells run in.</param>
    /// <param name="iopub">Where outputs and status go.</param>
    /// <param name="send">Sends a message on a channel.</param>
    /// <param name="shutdown">Answers a shutdown request and stops the kernel.</param>
    /// <param name="session">The kernel's session id for message headers.</param>
    /// <param name="log">The kernel's log (its standard error as it was before cells redirected the console).</param>
    public ShellHandler(NotebookSession notebook, IopubPublisher iopub, Action<KernelChannel, JupyterMessage> send,
        Action<JupyterMessage, KernelChannel> shutdown, string session, TextWriter log)
    {
        (this.notebook, this.iopub, this.send, this.shutdown, this.session, this.log) = (notebook, iopub, send, shutdown, session, log);
        var workspace = new SubmissionWorkspace(notebook);
        (completion, inspection) = (new CompletionService(workspace), new InspectionService(workspace));
        notebook.OutputChanged += Broadcast;
        JupyterOutput.ClearRequested += Clear;
        // Roslyn's editor services take seconds to compose: do it now, not in the first Tab or Shift+Tab.
        Task.Run(SubmissionWorkspace.WarmUp);
    }

    /// <summary>Queues a request received on the shell socket.</summary>
    public void Enqueue(JupyterMessage request)
    {
        try { queue.Add(request); }
        catch (InvalidOperationException) { log.WriteLine($"kernel: ignored a {request.Type} that came after shutdown"); }
    }

    /// <summary>Serves queued requests until <see cref="Stop"/>.</summary>
    public void Run()
    {
        foreach (var request in queue.GetConsumingEnumerable()) Handle(request);
    }

    /// <summary>Stops serving after the current request; interrupts a running cell.</summary>
    public void Stop()
    {
        queue.CompleteAdding();
        Interrupt();
    }

    /// <summary>Interrupts the running cell, if any (the control channel's interrupt_request).</summary>
    public void Interrupt()
    {
        lock (gate) running?.Cancel();
    }

    private void Handle(JupyterMessage request)
    {
        iopub.Status("busy", request);
        try
        {
            switch (request.Type)
            {
                case "execute_request": Execute(request); break;
                case "complete_request": Reply(request, "complete_reply", completion.Complete(request.Text("code"), request.Number("cursor_pos", 0))); break;
                case "inspect_request": Reply(request, "inspect_reply", inspection.Inspect(request.Text("code"), request.Number("cursor_pos", 0))); break;
                case "is_complete_request": Reply(request, "is_complete_reply", SubmissionCompleteness.Check(request.Text("code"))); break;
                case "kernel_info_request": Reply(request, "kernel_info_reply", KernelInfo.Content()); break;
                case "history_request": Reply(request, "history_reply", history.Reply(request)); break;
                case "comm_info_request": Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }); break;
                case "shutdown_request": shutdown(request, KernelChannel.Shell); break;
                // No comm targets: widgets are not supported, and clients expect silence, not errors.
                case "comm_open" or "comm_msg" or "comm_close": break;
                default: log.WriteLine($"kernel: ignored a shell message of unknown type '{request.Type}'"); break;
            }
        }
        catch (Exception e)
        {
            // A bug here must not leave the client waiting for a reply that never comes.
            log.WriteLine($"kernel: {request.Type} failed: {e}");
            if (request.Type.EndsWith("_request", StringComparison.Ordinal))
                Reply(request, request.Type.Replace("_request", "_reply"), new JsonObject
                {
                    ["status"] = "error", ["ename"] = e.GetType().Name, ["evalue"] = e.Message, ["traceback"] = new JsonArray(e.ToString()),
                });
        }
        finally
        {
            iopub.Status("idle", request);
        }
    }

    private void Execute(JupyterMessage request)
    {
        var code = request.Text("code");
        var silent = request.Flag("silent", false);
        // As in IPython, a blank cell runs nothing and does not count.
        if (string.IsNullOrWhiteSpace(code))
        {
            Reply(request, "execute_reply", Ok(executionCount));
            return;
        }
        if (!silent && request.Flag("store_history", true)) executionCount++;
        var count = executionCount;
        if (!silent) iopub.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        var stored = !silent && request.Flag("store_history", true);
        if (Help().Match(code.Trim()) is { Success: true } help)
        {
            if (stored) history.Add(count, code, null);
            var name = help.Groups["name"].Value;
            var found = inspection.Inspect(name, name.Length);
            var page = found["found"]!.GetValue<bool>() ? found["data"]!["text/plain"]!.GetValue<string>() : $"Object `{name}` not found.";
            var reply = Ok(count);
            reply["payload"] = new JsonArray(new JsonObject { ["source"] = "page", ["data"] = new JsonObject { ["text/plain"] = page }, ["start"] = 0 });
            Reply(request, "execute_reply", reply);
            return;
        }

        CellExecution cell;
        using (var interrupt = new CancellationTokenSource())
        {
            lock (gate) running = interrupt;
            outputParent = silent ? null : request;
            try { cell = notebook.ExecuteAsync(code, interrupt.Token).GetAwaiter().GetResult(); }
            finally { lock (gate) running = null; }
        }
        if (stored) history.Add(count, code, cell.Outputs.OfType<ResultOutput>().LastOrDefault()?.Data.GetValueOrDefault("text/plain"));
        Reply(request, "execute_reply", cell.Error is { } error
            ? new JsonObject
            {
                ["status"] = "error", ["execution_count"] = count, ["ename"] = error.Name, ["evalue"] = error.Message,
                ["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            }
            : Ok(count));
        if (cell.Error is not null && request.Flag("stop_on_error", true)) AbortQueuedExecutions();
    }

    private static JsonObject Ok(int count) =>
        new() { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };

    /// <summary>After an error, cells already queued behind it are not run (Jupyter's stop_on_error), other requests are served.</summary>
    private void AbortQueuedExecutions()
    {
        while (queue.TryTake(out var next))
        {
            if (next.Type != "execute_request") { Handle(next); continue; }
            iopub.Status("busy", next);
            Reply(next, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = executionCount });
            iopub.Status("idle", next);
        }
    }

    /// <summary>Turns the engine's outputs into iopub messages; their content is the nbformat output without its type.</summary>
    private void Broadcast(CellOutput output, bool isUpdate)
    {
        if (outputParent is not { } parent) return;
        if (output is StreamOutput stream)
        {
            iopub.Write(parent, stream.Name, stream.Text);
            return;
        }
        var content = output.ToJson(executionCount);
        var type = content["output_type"]!.GetValue<string>();
        content.Remove("output_type");
        if (output is DisplayOutput display)
        {
            content["transient"] = new JsonObject { ["display_id"] = display.DisplayId };
            type = isUpdate ? "update_display_data" : "display_data";
        }
        iopub.Publish(type, content, parent);
    }

    /// <summary>A cell's request to clear its output (<see cref="JupyterOutput.Clear"/>).</summary>
    private void Clear(bool wait)
    {
        if (outputParent is { } parent) iopub.Publish("clear_output", new JsonObject { ["wait"] = wait }, parent);
    }

    [GeneratedRegex(@"^(?:\?\s*(?<name>[\p{L}_][\w.]*)|(?<name>[\p{L}_][\w.]*)\s*\?)$")]
    private static partial Regex Help();

    private void Reply(JupyterMessage request, string type, JsonObject content) =>
        iopub.InOrder(() => send(KernelChannel.Shell, JupyterMessage.Create(session, type, content, request)));
}
