using TorchSharp;

namespace Lectures.Tests.Training;

/// <summary>
/// Runs TorchSharp on one intra-op thread for the life of a test class instance, then restores the setting.
/// The kit's models are tiny: on 2 shared cores a second thread costs more in synchronisation than it gains
/// (measured 5–15× slower training steps under load), and tests do not run in parallel, so this is safe.
/// </summary>
public abstract class SingleThreaded : IDisposable
{
    private readonly int threads = torch.get_num_threads();

    protected SingleThreaded() => torch.set_num_threads(1);

    public void Dispose()
    {
        torch.set_num_threads(threads);
        GC.SuppressFinalize(this);
    }
}
