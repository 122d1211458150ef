using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Analysis;

/// <summary>
/// Lecture 000's "scale and squash" map h ← W h / ‖W h‖. Repeated, it forgets h_0 and lines h up with the eigenvector
/// of the eigenvalue of largest modulus (when that eigenvalue is real and strictly dominant; a negative one flips the
/// sign every step, a complex pair keeps rotating).
/// </summary>
public static class PowerIteration
{
    /// <summary>The trajectory h_0, h_1, …, h_steps as (steps+1, d), with h_{i+1} = W h_i / ‖W h_i‖.</summary>
    public static Tensor Run(Tensor W, Tensor h0, int steps)
    {
        Checks.HasRank(h0, "h0", 1, "(d)");
        Checks.HasShape(W, "W", h0.shape[0], h0.shape[0]);
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "expected a non-negative number of steps");
        using var scope = NewDisposeScope();
        var trajectory = new Tensor[steps + 1];
        trajectory[0] = h0;
        for (var i = 1; i <= steps; i++)
        {
            var scaled = W.matmul(trajectory[i - 1]);      // scale
            trajectory[i] = scaled / scaled.norm();        // squash
        }
        return stack(trajectory, 0).MoveToOuterDisposeScope();
    }
}
