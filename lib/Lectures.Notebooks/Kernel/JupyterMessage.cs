using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// One message of the Jupyter messaging protocol (5.3) and its wire form:
/// <c>[identities..., "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers...]</c>.
/// </summary>
/// <param name="Identities">ZeroMQ routing prefix (the sender on shell and control; the topic on iopub).</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this message answers, or empty.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="Content">The message's content, by msg_type.</param>
public sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The header's msg_type (<see cref="Parse"/> admits only messages where it is a string).</summary>
    public string Type => Header["msg_type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : "";

    /// <summary>A string field of the content, or <paramref name="fallback"/>.</summary>
    public string Text(string field, string fallback = "") =>
        Content[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;

    /// <summary>A boolean field of the content, or <paramref name="fallback"/>.</summary>
    public bool Flag(string field, bool fallback) =>
        Content[field] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    /// <summary>An integer field of the content, or <paramref name="fallback"/>.</summary>
    public int Number(string field, int fallback) =>
        Content[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : fallback;

    /// <summary>A new message of <paramref name="type"/> answering <paramref name="parent"/> (routed back to its sender).</summary>
    public static JupyterMessage Create(string session, string type, JsonObject content, JupyterMessage? parent, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [], NewHeader(session, type),
            parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(), new JsonObject(), content);

    private static JsonObject NewHeader(string session, string type) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"), ["session"] = session, ["username"] = "kernel",
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"), ["msg_type"] = type, ["version"] = ProtocolVersion,
    };

    /// <summary>The frames to send, signed.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        byte[][] signed = [Utf8(Header), Utf8(ParentHeader), Utf8(Metadata), Utf8(Content)];
        return [.. Identities, Delimiter, Encoding.ASCII.GetBytes(signer.Sign(signed)), .. signed];
    }

    /// <summary>
    /// Reads received frames; null with <paramref name="problem"/> set for a malformed or wrongly signed message, or a
    /// signed one that is not a message this kernel can act on (frames that are not UTF-8 JSON objects, a header
    /// without a msg_type string): such a message is dropped, never half-read later.
    /// </summary>
    public static JupyterMessage? Parse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count && delimiter < 0; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) delimiter = i;
        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = $"malformed message: expected <IDS|MSG>, a signature and four JSON frames, found {frames.Count} frames";
            return null;
        }
        var signed = frames.Skip(delimiter + 2).Take(4).ToArray();
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), signed))
        {
            problem = "invalid signature";
            return null;
        }
        if (signed.FirstOrDefault(f => !System.Text.Unicode.Utf8.IsValid(f)) is not null)
        {
            problem = "malformed message: a frame is not valid UTF-8";
            return null;
        }
        try
        {
            var parts = signed.Select(f => JsonNode.Parse(f) as JsonObject ?? new JsonObject()).ToArray();
            if (parts[0]["msg_type"] is not JsonValue type || !type.TryGetValue<string>(out var name) || name.Length == 0)
            {
                problem = $"malformed message: expected the header's msg_type to be a string, found {parts[0]["msg_type"]?.ToJsonString() ?? "none"}";
                return null;
            }
            problem = null;
            return new JupyterMessage(frames.Take(delimiter).ToArray(), parts[0], parts[1], parts[2], parts[3]);
        }
        catch (JsonException e)
        {
            problem = $"malformed message: a frame is not JSON ({e.Message})";
            return null;
        }
    }

    // Relaxed escaping: HTML outputs (plotly.js) travel as they are instead of as \u003C escapes.
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] Utf8(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString(Wire));
}
