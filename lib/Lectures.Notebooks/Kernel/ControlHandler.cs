using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Serves control requests at once, on the socket thread, even while a cell runs: interrupt (the kernelspec's
/// interrupt_mode is "message"), shutdown and kernel_info. Each is wrapped in busy/idle status messages.
/// </summary>
/// <param name="shell">The shell handler whose running cell an interrupt stops.</param>
/// <param name="iopub">Where status goes.</param>
/// <param name="send">Sends a message on a channel.</param>
/// <param name="stop">Stops the kernel once everything queued before it is sent.</param>
/// <param name="session">The kernel's session id for message headers.</param>
/// <param name="log">The kernel's log.</param>
public sealed class ControlHandler(ShellHandler shell, IopubPublisher iopub, Action<KernelChannel, JupyterMessage> send, Action stop, string session, TextWriter log)
{
    /// <summary>Serves one control request.</summary>
    public void Handle(JupyterMessage request)
    {
        iopub.Status("busy", request);
        try { Serve(request); }
        catch (Exception e)   // on the socket thread: a bug here must not end the kernel
        {
            log.WriteLine($"kernel: {request.Type} on control failed: {e}");
        }
        iopub.Status("idle", request);
    }

    private void Serve(JupyterMessage request)
    {
        switch (request.Type)
        {
            case "interrupt_request":
                shell.Interrupt();
                Reply(request, KernelChannel.Control, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                break;
            case "shutdown_request":
                Shutdown(request, KernelChannel.Control);
                break;
            case "kernel_info_request":
                Reply(request, KernelChannel.Control, "kernel_info_reply", KernelInfo.Content());
                break;
            default:
                log.WriteLine($"kernel: ignored a control message of unknown type '{request.Type}'");
                break;
        }
    }

    /// <summary>Answers a shutdown request (on control, or on shell as older clients send it) and stops the kernel after the reply.</summary>
    public void Shutdown(JupyterMessage request, KernelChannel channel)
    {
        Reply(request, channel, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = request.Flag("restart", false) });
        shell.Stop();
        stop();
    }

    private void Reply(JupyterMessage request, KernelChannel channel, string type, JsonObject content) =>
        iopub.InOrder(() => send(channel, JupyterMessage.Create(session, type, content, request)));
}
