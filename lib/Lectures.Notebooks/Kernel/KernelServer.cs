using Lectures.Notebooks.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3 over ZeroMQ) for the course's C# notebooks. One socket thread owns
/// every socket: it echoes heartbeats, verifies each message's signature (a wrongly signed message is dropped and
/// logged, never acted on), serves control requests at once and queues shell requests for the shell thread;
/// everything sent goes through one queue, so iopub outputs, replies and status keep their order.
/// </summary>
public sealed class KernelServer : IDisposable
{
    private readonly MessageSigner signer;
    private readonly TextWriter log;
    private readonly RouterSocket shell = new(), control = new(), stdin = new();
    private readonly PublisherSocket iopubSocket = new();
    private readonly ResponseSocket heartbeat = new();
    // A null message stops the kernel once everything queued before it has been sent.
    private readonly NetMQQueue<(KernelChannel Channel, JupyterMessage? Message)> outbox = new();
    private readonly NetMQTimer flush = new(TimeSpan.FromMilliseconds(50));
    private readonly NetMQTimer parentWatch = new(TimeSpan.FromSeconds(2));
    private readonly NetMQPoller poller;
    private readonly IopubPublisher iopub;
    private readonly ShellHandler shellHandler;
    private readonly ControlHandler controlHandler;

    /// <summary>Binds the five sockets of <paramref name="connection"/> (and no other address) for <paramref name="notebook"/>.</summary>
    public KernelServer(ConnectionInfo connection, NotebookSession notebook, TextWriter log)
    {
        this.log = log;
        signer = new MessageSigner(connection.Key);
        var session = Guid.NewGuid().ToString();
        foreach (var (socket, port) in new (NetMQSocket, int)[]
                 {
                     (shell, connection.ShellPort), (control, connection.ControlPort), (stdin, connection.StdinPort),
                     (iopubSocket, connection.IopubPort), (heartbeat, connection.HbPort),
                 })
        {
            // Replies still queued when the kernel stops (the shutdown reply) get a second to go out.
            socket.Options.Linger = TimeSpan.FromSeconds(1);
            socket.Bind(connection.Address(port));
        }
        iopub = new IopubPublisher(session, Send);
        shellHandler = new ShellHandler(notebook, iopub, Send, Shutdown, session, log);
        controlHandler = new ControlHandler(shellHandler, iopub, Send, Stop, session, log);

        heartbeat.ReceiveReady += (_, _) =>
        {
            var frames = new List<byte[]>();
            while (heartbeat.TryReceiveMultipartBytes(ref frames)) heartbeat.SendMultipartBytes(frames);
        };
        shell.ReceiveReady += (_, _) => Receive(shell, KernelChannel.Shell, shellHandler.Enqueue);
        control.ReceiveReady += (_, _) => Receive(control, KernelChannel.Control, controlHandler.Handle);
        // Input requests are not sent (cells read an empty console input, as in the runner); replies are dropped.
        stdin.ReceiveReady += (_, _) => Receive(stdin, KernelChannel.Stdin, _ => { });
        outbox.ReceiveReady += (_, _) => SendQueued();
        flush.Elapsed += (_, _) => iopub.Flush();
        // Jupyter names the process that started the kernel; when it dies without a shutdown, so does the kernel.
        parentWatch.Elapsed += (_, _) =>
        {
            if (ParentAlive()) return;
            log.WriteLine("kernel: the process that started the kernel has gone; shutting down");
            poller!.StopAsync();
        };
        poller = new NetMQPoller { shell, control, stdin, heartbeat, outbox, flush, parentWatch };
    }

    /// <summary>Runs the kernel for a Jupyter connection file until a shutdown request; the command behind kernel.json's argv.</summary>
    public static int Serve(string connectionFile)
    {
        var log = Console.Error; // before the session redirects the console to cell outputs
        var connection = ConnectionInfo.Load(connectionFile);
        // Like the runner's workers: a cell reading the console gets end of input instead of hanging.
        Console.SetIn(TextReader.Null);
        using var notebook = new NotebookSession(Environment.CurrentDirectory);
        using var server = new KernelServer(connection, notebook, log);
        log.WriteLine($"kernel: {KernelInfo.DisplayName} listening on {connection.Ip} (shell {connection.ShellPort}, control {connection.ControlPort})");
        server.Run();
        log.WriteLine("kernel: shut down");
        return 0;
    }

    /// <summary>Serves requests until a shutdown request has been answered.</summary>
    public void Run()
    {
        var shellThread = new Thread(shellHandler.Run) { IsBackground = true, Name = "kernel shell" };
        shellThread.Start();
        iopub.Status("starting", null);
        poller.Run();
    }

    private static bool ParentAlive()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var pid)) return true;
        try
        {
            using var parent = System.Diagnostics.Process.GetProcessById(pid);
            return !parent.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    private void Receive(NetMQSocket socket, KernelChannel channel, Action<JupyterMessage> handle)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            if (JupyterMessage.Parse(frames, signer, out var problem) is { } message) handle(message);
            else log.WriteLine($"kernel: dropped a message on {channel.ToString().ToLowerInvariant()}: {problem}");
        }
    }

    private void Send(KernelChannel channel, JupyterMessage message) => outbox.Enqueue((channel, message));

    /// <summary>A shutdown request that came on shell.</summary>
    private void Shutdown(JupyterMessage request, KernelChannel channel) => controlHandler.Shutdown(request, channel);

    private void Stop() => outbox.Enqueue((KernelChannel.Control, null));

    private void SendQueued()
    {
        while (outbox.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Message is null)
            {
                poller.StopAsync();
                return;
            }
            NetMQSocket socket = item.Channel switch
            {
                KernelChannel.Shell => shell, KernelChannel.Control => control, KernelChannel.Stdin => stdin, _ => iopubSocket,
            };
            socket.SendMultipartBytes(item.Message.ToFrames(signer));
        }
    }

    /// <summary>Stops the shell thread and closes the sockets, sending what is still queued.</summary>
    public void Dispose()
    {
        shellHandler.Stop();
        poller.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopubSocket, heartbeat }) socket.Dispose();
        outbox.Dispose();
        NetMQConfig.Cleanup(block: true);
    }
}
