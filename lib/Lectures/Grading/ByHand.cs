using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Lectures.Grading;

/// <summary>
/// For the test cells of assignment parts that must be computed by hand. Inside a <see cref="Scope"/> autograd is off
/// (no_grad and inference mode, so an answer's <c>enable_grad()</c> records nothing either), and the library's own
/// backward passes (<c>RnnBptt</c>, <c>LstmBptt</c>, <c>GruBptt</c>, their <c>StepBackward</c> functions and the
/// layers' <c>ManualBptt</c> fast path) refuse to run: each calls <see cref="Guard"/>, which throws
/// <see cref="InvalidOperationException"/> naming the part and the API. Forward step functions stay allowed: the
/// library's cells run on them, and assignments may recompute a step with them.
/// </summary>
/// <example>
/// <code>
/// var mine = global::Lectures.Grading.ByHand.Run("a1 part 2 (the backward step)", () => RnnStepBackward(dh, x, hPrev, h, W, U));
/// </code>
/// </example>
public static class ByHand
{
    private static readonly AsyncLocal<string?> part = new();

    /// <summary>The part whose answer is running by hand, or null outside every scope.</summary>
    public static string? Part => part.Value;

    /// <summary>
    /// Marks the code until <c>Dispose</c> as an answer to <paramref name="name"/> that must not use autograd or the
    /// library's backward passes. Scopes nest; disposing one restores the part and the autograd mode before it.
    /// </summary>
    /// <param name="name">The part, as the message names it, e.g. "a2 part 2 (BPTT)".</param>
    public static IDisposable Scope(string name) => new ScopeHandle(name);

    /// <summary>
    /// Throws when called inside a <see cref="Scope"/>. The library's backward entry points call it first; the API
    /// named is <paramref name="type"/>'s full name and the calling member.
    /// </summary>
    /// <param name="type">The class of the entry point.</param>
    /// <param name="member">Filled in by the compiler.</param>
    public static void Guard(Type type, [CallerMemberName] string member = "")
    {
        if (part.Value is { } name)
            throw new InvalidOperationException($"{name} must be computed by hand; it called {type.FullName}.{member}");
    }

    /// <summary>
    /// Runs <paramref name="answer"/> inside a <see cref="Scope"/> and checks its result: every tensor in it (a tensor,
    /// a tuple, a record's tensor properties) must be a plain value, with no autograd graph behind it. An answer that
    /// needed autograd fails with a message that says so instead of TorchSharp's "does not require grad".
    /// </summary>
    /// <param name="name">The part, as the message names it.</param>
    /// <param name="answer">The call of the student's function.</param>
    public static T Run<T>(string name, Func<T> answer)
    {
        T result;
        using (Scope(name))
        {
            try
            {
                result = answer();
            }
            catch (Exception e) when (NeedsAutograd(e))
            {
                throw new AssertionFailedException($"{name} must be computed by hand: autograd is off while this test runs your function, " +
                                                   $"and it needed it ({FirstLine(e.Message)})");
            }
        }
        foreach (var (what, t) in Tensors(result, "the result"))
            Assert.True(!t.requires_grad && t.is_leaf,
                $"{name} must be computed by hand: {what} carries an autograd graph (requires_grad or a grad_fn)");
        return result;
    }

    /// <summary>Lifts the scope until <c>Dispose</c>, for code that must not throw (an autograd callback's backward).</summary>
    internal static IDisposable Lifted() => new Restore(part.Value, null);

    private static bool NeedsAutograd(Exception e) =>
        e is not AssertionFailedException and not InvalidOperationException &&
        (e.Message.Contains("does not require grad") || e.Message.Contains("grad_fn") || e.Message.Contains("nference tensor"));

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>The tensors in a result: the value itself, the items of a tuple or list, a record's tensor properties.</summary>
    private static IEnumerable<(string what, Tensor t)> Tensors(object? value, string what)
    {
        switch (value)
        {
            case null:
                yield break;
            case Tensor t:
                yield return (what, t);
                yield break;
            case ITuple tuple:
                for (var i = 0; i < tuple.Length; i++)
                    foreach (var inner in Tensors(tuple[i], $"{what}'s item {i + 1}")) yield return inner;
                yield break;
            case IEnumerable items when value is not string:
                var k = 0;
                foreach (var item in items)
                    foreach (var inner in Tensors(item, $"{what}[{k++}]")) yield return inner;
                yield break;
        }
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.PropertyType == typeof(Tensor) && p.GetIndexParameters().Length == 0 && p.GetValue(value) is Tensor t)
                yield return ($"{what}'s {p.Name}", t);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? previous;

        public Restore(string? previous, string? now) => (this.previous, part.Value) = (previous, now);

        public void Dispose() => part.Value = previous;
    }

    private sealed class ScopeHandle : IDisposable
    {
        private readonly string? previous = part.Value;
        private readonly IDisposable noGrad = no_grad();
        private readonly IDisposable inference = inference_mode();
        private bool disposed;

        public ScopeHandle(string name) => part.Value = name;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            inference.Dispose();
            noGrad.Dispose();
            part.Value = previous;
        }
    }
}
