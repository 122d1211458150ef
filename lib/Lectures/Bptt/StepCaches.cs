using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>A sequence's step caches as a few stacked tensors and back, so autograd can save them for the backward pass.</summary>
internal static class StepCaches
{
    /// <summary>T caches of K tensors (B, ·) → K tensors (T, B, ·).</summary>
    public static Tensor[] Stack<TCache>(TCache[] caches) where TCache : IStepCache<TCache>
    {
        var rows = caches.Select(c => c.Tensors).ToArray();
        return Enumerable.Range(0, rows[0].Length).Select(k => stack(rows.Select(r => r[k]), 0)).ToArray();
    }

    /// <summary>K tensors (T, B, ·) → T caches.</summary>
    public static TCache[] Unstack<TCache>(IEnumerable<Tensor> stacked) where TCache : IStepCache<TCache>
    {
        var columns = stacked.Select(s => s.unbind(0)).ToArray();
        return Enumerable.Range(0, columns[0].Length).Select(t => TCache.FromTensors(columns.Select(c => c[t]).ToArray())).ToArray();
    }
}
