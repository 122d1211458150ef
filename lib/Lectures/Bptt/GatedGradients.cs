using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>The loss of an LSTM or GRU and its gradient with respect to every parameter and the initial state(s).</summary>
/// <param name="Loss">L = Σ_t L_t.</param>
/// <param name="dweight_ih">dL/dweight_ih.</param>
/// <param name="dweight_hh">dL/dweight_hh.</param>
/// <param name="dbias_ih">dL/dbias_ih.</param>
/// <param name="dbias_hh">dL/dbias_hh (differs from dbias_ih only in the GRU's n rows).</param>
/// <param name="dweight_hy">dL/dweight_hy.</param>
/// <param name="dbias_hy">dL/dbias_hy.</param>
/// <param name="dh0">dL/dh_0.</param>
/// <param name="dc0">dL/dc_0 for the LSTM's initial cell state; null for the GRU.</param>
public sealed record GatedGradients(double Loss, Tensor dweight_ih, Tensor dweight_hh, Tensor dbias_ih, Tensor dbias_hh,
    Tensor dweight_hy, Tensor dbias_hy, Tensor dh0, Tensor? dc0)
{
    /// <summary>The gradients by name: the parameter names of <see cref="GatedParameters.Named"/>, "h0" and, for the LSTM, "c0".</summary>
    public IReadOnlyDictionary<string, Tensor> Named()
    {
        var named = new Dictionary<string, Tensor>
        {
            ["weight_ih"] = dweight_ih, ["weight_hh"] = dweight_hh, ["bias_ih"] = dbias_ih, ["bias_hh"] = dbias_hh,
            ["weight_hy"] = dweight_hy, ["bias_hy"] = dbias_hy, ["h0"] = dh0,
        };
        if (dc0 is not null) named["c0"] = dc0;
        return named;
    }

    internal GatedGradients MoveToOuterDisposeScope()
    {
        foreach (var t in new[] { dweight_ih, dweight_hh, dbias_ih, dbias_hh, dweight_hy, dbias_hy, dh0 }) t.MoveToOuterDisposeScope();
        dc0?.MoveToOuterDisposeScope();
        return this;
    }
}
