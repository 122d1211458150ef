using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>
/// A step cache as a flat list of tensors, so the hand-written backward run inside autograd can stack a sequence's
/// caches into a few (T, B, ·) tensors and save them for the backward pass.
/// </summary>
/// <typeparam name="TSelf">The cache type.</typeparam>
internal interface IStepCache<TSelf> where TSelf : IStepCache<TSelf>
{
    /// <summary>The cached tensors, always in the same order.</summary>
    Tensor[] Tensors { get; }

    /// <summary>The cache from <see cref="Tensors"/>' order.</summary>
    static abstract TSelf FromTensors(Tensor[] tensors);
}
