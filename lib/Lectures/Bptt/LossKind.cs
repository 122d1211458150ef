namespace Lectures.Bptt;

/// <summary>The per-step loss L_t; the sequence loss is L = Σ_t L_t summed over steps and batch rows.</summary>
public enum LossKind
{
    /// <summary>L_t = ½‖y_t − z_t‖², the lecture's choice; targets are real vectors, dL_t/dy_t = y_t − z_t.</summary>
    SquaredError,
    /// <summary>L_t = −log softmax(y_t)[z_t]; targets are class indices (int64), dL_t/dy_t = softmax(y_t) − onehot(z_t).</summary>
    CrossEntropy,
}
