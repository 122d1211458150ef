using System.Text;
using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Everything the kernel broadcasts on iopub, in order. Console text is buffered and sent as one stream message
/// per flush (every few tens of milliseconds, or before any other message), so a cell printing megabytes in
/// small pieces sends a few large messages instead of millions of small ones. Thread-safe: cells may print from
/// any thread.
/// </summary>
public sealed class IopubPublisher(string session, Action<KernelChannel, JupyterMessage> send)
{
    private readonly object gate = new();
    private readonly StringBuilder pending = new();
    private (JupyterMessage Parent, string Stream)? pendingFor;

    /// <summary>Broadcasts a message of <paramref name="type"/> in answer to <paramref name="parent"/>, after any buffered text.</summary>
    public void Publish(string type, JsonObject content, JupyterMessage? parent)
    {
        lock (gate)
        {
            FlushLocked();
            send(KernelChannel.Iopub, Message(type, content, parent));
        }
    }

    /// <summary>Broadcasts the kernel's execution state: "starting", "busy" or "idle".</summary>
    public void Status(string state, JupyterMessage? parent) => Publish("status", new JsonObject { ["execution_state"] = state }, parent);

    /// <summary>Buffers text written to <paramref name="stream"/> ("stdout" or "stderr") by the request <paramref name="parent"/>.</summary>
    public void Write(JupyterMessage parent, string stream, string text)
    {
        lock (gate)
        {
            if (pendingFor is { } p && (!ReferenceEquals(p.Parent, parent) || p.Stream != stream)) FlushLocked();
            pendingFor = (parent, stream);
            pending.Append(text);
        }
    }

    /// <summary>Sends the buffered text now.</summary>
    public void Flush()
    {
        lock (gate) FlushLocked();
    }

    /// <summary>
    /// Runs <paramref name="action"/> (a reply on another channel) in iopub's order: after everything published so
    /// far and before anything published later, so a client that has the reply has every output before it.
    /// </summary>
    public void InOrder(Action action)
    {
        lock (gate)
        {
            FlushLocked();
            action();
        }
    }

    private void FlushLocked()
    {
        if (pendingFor is not { } p || pending.Length == 0) return;
        var content = new JsonObject { ["name"] = p.Stream, ["text"] = pending.ToString() };
        pending.Clear();
        // A megabyte-sized buffer is not kept for the rest of the session.
        if (pending.Capacity > 1 << 20) pending.Capacity = 1 << 16;
        send(KernelChannel.Iopub, Message("stream", content, p.Parent));
    }

    private JupyterMessage Message(string type, JsonObject content, JupyterMessage? parent) =>
        JupyterMessage.Create(session, type, content, parent, [Encoding.UTF8.GetBytes($"kernel.{session}.{type}")]);
}
