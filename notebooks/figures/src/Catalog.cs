using Lectures.Figures.Figures;

namespace Lectures.Figures;

/// <summary>Every figure of the course, in the order the notebooks first need them.</summary>
public static class Catalog
{
    /// <summary>Draws them all (a fraction of a second).</summary>
    public static IReadOnlyList<Figure> Draw() =>
    [
        VanillaCell.Draw(),
        UnrolledRnn.Draw(),
        Flavours.Draw(),
        StackedBidirectional.Draw(),
        LstmCell.Draw(),
        GradientHighway.Draw(),
        GruCell.Draw(),
        EncoderDecoder.Draw(),
        OutputRecurrence.Draw(),
        SceneTextPipeline.Draw(),
        CtcAlignmentLattice.Draw(),
    ];
}
