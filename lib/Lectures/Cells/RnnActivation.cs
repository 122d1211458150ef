namespace Lectures.Cells;

/// <summary>The squashing function f in the vanilla RNN's h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh).</summary>
public enum RnnActivation
{
    /// <summary>tanh, the usual choice (PyTorch's <c>nonlinearity="tanh"</c>); its derivative is at most 1.</summary>
    Tanh,

    /// <summary>ReLU, max(0, a) (PyTorch's <c>nonlinearity="relu"</c>).</summary>
    Relu,

    /// <summary>The logistic sigmoid σ(a) = 1 / (1 + e^−a); its derivative is at most 1/4 (lecture 004's γ).</summary>
    Logistic,
}
