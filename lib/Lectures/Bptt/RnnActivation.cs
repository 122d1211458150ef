namespace Lectures.Cells;

// Stand-in for the enum the cells helper owns (interfaces.md: Lectures.Cells.RnnActivation { Tanh, Relu, Logistic }).
// When the branches merge, delete this file and keep the cells helper's definition.

/// <summary>The nonlinearity f of a vanilla RNN, h_t = f(W h_{t−1} + U x_t + b).</summary>
public enum RnnActivation
{
    /// <summary>f = tanh, f'(a) = 1 − tanh²(a) ≤ 1.</summary>
    Tanh,
    /// <summary>f = max(0, a), f'(a) = 1 if a &gt; 0 else 0.</summary>
    Relu,
    /// <summary>f = σ(a) = 1/(1+e^{−a}), f'(a) = σ(a)(1 − σ(a)) ≤ 1/4.</summary>
    Logistic,
}
