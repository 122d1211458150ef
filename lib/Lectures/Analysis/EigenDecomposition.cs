using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Analysis;

/// <summary>
/// W = V Λ V⁻¹ from torch.linalg.eig, to show W^n = V Λ^n V⁻¹: modes with |λ| &gt; 1 grow (explode), |λ| &lt; 1 shrink
/// (vanish). Eigenvalues and eigenvectors of a real matrix can be complex (in conjugate pairs), so both are kept
/// complex (complex128); W^n comes back real.
/// </summary>
public sealed class EigenDecomposition
{
    private EigenDecomposition(Tensor values, Tensor vectors)
    {
        Values = values;
        Vectors = vectors;
    }

    /// <summary>Decomposes a real square matrix W (d×d).</summary>
    public static EigenDecomposition Of(Tensor W)
    {
        Checks.HasRank(W, "W", 2, "(d, d)");
        Checks.HasShape(W, "W", W.shape[0], W.shape[0]);
        var (values, vectors) = linalg.eig(W.to_type(ScalarType.Float64));
        return new EigenDecomposition(values, vectors);
    }

    /// <summary>Λ's diagonal, the eigenvalues λ_i (complex128, d).</summary>
    public Tensor Values { get; }

    /// <summary>V, whose column i is the unit eigenvector of λ_i (complex128, d×d).</summary>
    public Tensor Vectors { get; }

    /// <summary>|λ_i|, the factor by which mode i scales per multiplication by W (float64, d).</summary>
    public Tensor Moduli => Values.abs();

    /// <summary>max_i |λ_i|, the spectral radius.</summary>
    public double SpectralRadius => Values.abs().max().ToDouble();

    /// <summary>Whether the eigenvalue of largest modulus is real and strictly larger than every other in modulus.</summary>
    public bool HasRealDominantEigenvalue
    {
        get
        {
            using var scope = NewDisposeScope();
            var moduli = Values.abs();
            var sorted = moduli.sort(descending: true).Values;
            var i = moduli.argmax().ToInt64();
            var imag = Values.imag[i].ToDouble();
            var gap = moduli.shape[0] == 1 || sorted[0].ToDouble() > sorted[1].ToDouble() * (1 + 1e-9);
            return gap && Math.Abs(imag) <= 1e-12 * Math.Max(1, sorted[0].ToDouble());
        }
    }

    /// <summary>
    /// The real unit eigenvector of the dominant eigenvalue, where power iteration converges (up to sign).
    /// Throws when the dominant eigenvalue is complex or not unique (see <see cref="HasRealDominantEigenvalue"/>).
    /// </summary>
    public Tensor DominantEigenvector()
    {
        if (!HasRealDominantEigenvalue)
            throw new InvalidOperationException(
                $"W has no real, strictly dominant eigenvalue (eigenvalues {Describe()}); power iteration does not settle on one direction");
        using var scope = NewDisposeScope();
        var v = Vectors[TensorIndex.Colon, Values.abs().argmax().ToInt64()].real;
        return (v / v.norm()).MoveToOuterDisposeScope();
    }

    /// <summary>W^n = V Λ^n V⁻¹, computed in complex arithmetic and returned real (float64, d×d).</summary>
    public Tensor Power(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "expected n ≥ 0");
        using var scope = NewDisposeScope();
        var Lambda_n = diag(Values.pow(n));
        return Vectors.matmul(Lambda_n).matmul(linalg.inv(Vectors)).real.MoveToOuterDisposeScope();
    }

    /// <summary>The eigenvalues as text, e.g. "2.584, -1.598" or "0.5+1.2i, 0.5-1.2i".</summary>
    public string Describe()
    {
        var re = Values.real.data<double>().ToArray();
        var im = Values.imag.data<double>().ToArray();
        return string.Join(", ", re.Zip(im, (r, i) => Math.Abs(i) < 1e-12
            ? r.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)
            : $"{r.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}{(i < 0 ? "-" : "+")}{Math.Abs(i).ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}i"));
    }
}
