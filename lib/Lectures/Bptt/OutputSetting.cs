namespace Lectures.Bptt;

/// <summary>Where the output y_t = V h_t + c and its loss are taken.</summary>
public enum OutputSetting
{
    /// <summary>An output and a target at every step: targets (T, B, k) for squared error, (T, B) for cross-entropy.</summary>
    ManyToMany,
    /// <summary>One output after the last step (e.g. classifying a review): targets (B, k) or (B).</summary>
    ManyToOne,
}
