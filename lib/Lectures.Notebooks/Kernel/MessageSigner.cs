using System.Security.Cryptography;
using System.Text;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// Signs and verifies Jupyter messages: HMAC-SHA256 with the connection file's key over the header, parent
/// header, metadata and content frames, as a lowercase hex string. With an empty key messages carry an empty
/// signature and every signature is accepted, as the protocol says. Thread-safe.
/// </summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    /// <summary>The signature of the four signed frames.</summary>
    public string Sign(IReadOnlyList<byte[]> frames)
    {
        if (key.Length == 0) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        foreach (var frame in frames) hmac.AppendData(frame);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> is the right one, compared in constant time.</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> frames) =>
        key.Length == 0 || CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(frames)));
}
