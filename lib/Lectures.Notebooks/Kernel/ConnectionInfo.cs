using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets listen and the key that signs messages. The
/// kernel binds exactly these addresses and nothing else.
/// </summary>
/// <param name="Ip">The address to bind, e.g. 127.0.0.1.</param>
/// <param name="ShellPort">Requests and replies (execute, complete, ...).</param>
/// <param name="IopubPort">Broadcast of outputs and busy/idle status.</param>
/// <param name="StdinPort">Input requests to the front end.</param>
/// <param name="ControlPort">Interrupt and shutdown, served even while a cell runs.</param>
/// <param name="HbPort">The heartbeat echo.</param>
/// <param name="Key">The HMAC key; empty means messages are not signed.</param>
public sealed record ConnectionInfo(string Ip, int ShellPort, int IopubPort, int StdinPort, int ControlPort, int HbPort, string Key)
{
    /// <summary>Reads and checks a connection file; errors name the file, the field and what was expected.</summary>
    public static ConnectionInfo Load(string path)
    {
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"connection file {path}: expected a JSON object."); }
        catch (JsonException e) { throw new InvalidDataException($"connection file {path}: not valid JSON ({e.Message})."); }

        string Text(string field, string? fallback = null) =>
            json[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : fallback ?? throw new InvalidDataException($"connection file {path}: expected '{field}' (a string), found {json[field]?.ToJsonString() ?? "nothing"}.");
        int Port(string field) =>
            json[field] is JsonValue v && v.TryGetValue<int>(out var p) && p is > 0 and < 65536 ? p
            : throw new InvalidDataException($"connection file {path}: expected '{field}' (a port number 1-65535), found {json[field]?.ToJsonString() ?? "nothing"}.");

        var transport = Text("transport", "tcp");
        // NetMQ emulates ipc over TCP, which libzmq's ipc clients cannot reach.
        if (transport != "tcp")
            throw new InvalidDataException($"connection file {path}: expected transport 'tcp', found '{transport}' (this kernel speaks ZeroMQ over TCP only).");
        var key = Text("key", "");
        var scheme = Text("signature_scheme", "hmac-sha256");
        if (key.Length > 0 && scheme != "hmac-sha256")
            throw new InvalidDataException($"connection file {path}: expected signature_scheme 'hmac-sha256', found '{scheme}'.");
        return new ConnectionInfo(Text("ip"), Port("shell_port"), Port("iopub_port"), Port("stdin_port"), Port("control_port"), Port("hb_port"), key);
    }

    /// <summary>The ZeroMQ address of one of the ports, e.g. tcp://127.0.0.1:5555.</summary>
    public string Address(int port) => $"tcp://{Ip}:{port}";
}
