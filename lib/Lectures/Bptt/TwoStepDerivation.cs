namespace Lectures.Bptt;

/// <summary>
/// The lecture-002 derivation of BPTT for a two-step scalar RNN, one property per quantity in the notes:
/// <code>
/// a1 = W h0 + U X1 + b   h1 = tanh(a1)   Y1 = V h1 + c
/// a2 = W h1 + U X2 + b   h2 = tanh(a2)   Y2 = V h2 + c
/// L = ½(Y1 − z1)² + ½(Y2 − z2)² = L1 + L2
/// </code>
/// Here ∂h2/∂W, ∂h2/∂U, ∂h2/∂b are the explicit parts (h1 held fixed), as in the notes; the dependence through h1
/// enters through ∂h2/∂h1.
/// </summary>
public sealed class TwoStepDerivation
{
    /// <summary>Evaluates every line of the derivation for the given parameters, inputs and targets.</summary>
    public TwoStepDerivation(double W, double U, double b, double V, double c, double h0, double X1, double X2, double z1, double z2)
    {
        a1 = W * h0 + U * X1 + b;
        h1 = Math.Tanh(a1);
        Y1 = V * h1 + c;
        a2 = W * h1 + U * X2 + b;
        h2 = Math.Tanh(a2);
        Y2 = V * h2 + c;
        L1 = 0.5 * (Y1 - z1) * (Y1 - z1);
        L2 = 0.5 * (Y2 - z2) * (Y2 - z2);

        dL1_dh1 = (Y1 - z1) * V;
        dL2_dh2 = (Y2 - z2) * V;
        dh1_dW = (1 - h1 * h1) * h0;
        dh2_dW = (1 - h2 * h2) * h1;
        dh2_dh1 = (1 - h2 * h2) * W;
        dh1_dU = (1 - h1 * h1) * X1;
        dh2_dU = (1 - h2 * h2) * X2;
        dh1_db = 1 - h1 * h1;
        dh2_db = 1 - h2 * h2;

        dL_dW = dL1_dh1 * dh1_dW + dL2_dh2 * dh2_dh1 * dh1_dW + dL2_dh2 * dh2_dW;
        dL_dV = (Y1 - z1) * h1 + (Y2 - z2) * h2;
        dL_dU = dL1_dh1 * dh1_dU + dL2_dh2 * dh2_dh1 * dh1_dU + dL2_dh2 * dh2_dU;
        dL_db = dL1_dh1 * dh1_db + dL2_dh2 * dh2_dh1 * dh1_db + dL2_dh2 * dh2_db;
        dL_dc = (Y1 - z1) + (Y2 - z2);
    }

    /// <summary>a1 = W h0 + U X1 + b.</summary>
    public double a1 { get; }
    /// <summary>h1 = tanh(a1).</summary>
    public double h1 { get; }
    /// <summary>Y1 = V h1 + c.</summary>
    public double Y1 { get; }
    /// <summary>a2 = W h1 + U X2 + b.</summary>
    public double a2 { get; }
    /// <summary>h2 = tanh(a2).</summary>
    public double h2 { get; }
    /// <summary>Y2 = V h2 + c.</summary>
    public double Y2 { get; }
    /// <summary>L1 = ½(Y1 − z1)².</summary>
    public double L1 { get; }
    /// <summary>L2 = ½(Y2 − z2)².</summary>
    public double L2 { get; }
    /// <summary>L = L1 + L2.</summary>
    public double L => L1 + L2;

    /// <summary>∂L1/∂h1 = ∂L1/∂Y1 · ∂Y1/∂h1 = (Y1 − z1) V.</summary>
    public double dL1_dh1 { get; }
    /// <summary>∂L2/∂h2 = (Y2 − z2) V.</summary>
    public double dL2_dh2 { get; }
    /// <summary>∂h1/∂W = sech²(a1) ∂a1/∂W = (1 − h1²) h0.</summary>
    public double dh1_dW { get; }
    /// <summary>∂h2/∂W, explicit part = (1 − h2²) h1.</summary>
    public double dh2_dW { get; }
    /// <summary>∂h2/∂h1 = (1 − h2²) W.</summary>
    public double dh2_dh1 { get; }
    /// <summary>∂h1/∂U = (1 − h1²) X1.</summary>
    public double dh1_dU { get; }
    /// <summary>∂h2/∂U, explicit part = (1 − h2²) X2.</summary>
    public double dh2_dU { get; }
    /// <summary>∂h1/∂b = 1 − h1².</summary>
    public double dh1_db { get; }
    /// <summary>∂h2/∂b, explicit part = 1 − h2².</summary>
    public double dh2_db { get; }
    /// <summary>∂L2/∂h1 = ∂L2/∂h2 · ∂h2/∂h1: L2 depends on h1 only through h2.</summary>
    public double dL2_dh1 => dL2_dh2 * dh2_dh1;

    /// <summary>∂L/∂W = ∂L1/∂h1 ∂h1/∂W + ∂L2/∂h2 ∂h2/∂h1 ∂h1/∂W + ∂L2/∂h2 ∂h2/∂W.</summary>
    public double dL_dW { get; }
    /// <summary>∂L/∂V = Σ_t (Y_t − z_t) h_t.</summary>
    public double dL_dV { get; }
    /// <summary>∂L/∂U = ∂L1/∂h1 ∂h1/∂U + ∂L2/∂h2 ∂h2/∂h1 ∂h1/∂U + ∂L2/∂h2 ∂h2/∂U.</summary>
    public double dL_dU { get; }
    /// <summary>∂L/∂b = ∂L1/∂h1 ∂h1/∂b + ∂L2/∂h2 ∂h2/∂h1 ∂h1/∂b + ∂L2/∂h2 ∂h2/∂b.</summary>
    public double dL_db { get; }
    /// <summary>∂L/∂c = Σ_t (Y_t − z_t).</summary>
    public double dL_dc { get; }
}
