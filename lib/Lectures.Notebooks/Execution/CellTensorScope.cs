using System.Reflection;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Keeps every TorchSharp tensor a cell creates reachable until the cell's code returns, through a TorchSharp
/// dispose scope that is detached (not disposed) at the end, so the tensors then live on as usual.
/// Why: TorchSharp's native calls do not keep their tensor arguments alive (e.g. <c>torch.stack</c> passes only
/// handles), so a garbage collection during the call can finalize a temporary and libtorch reads freed memory;
/// notebook 14 crashed that way (SIGSEGV in THSTensor_stack, about one run in four). Tensors of nested scopes (the
/// trainer's per-step scopes) are still freed by those scopes. Found by reflection, because the engine itself does
/// not depend on TorchSharp: a notebook brings it with <c>#r</c>.
/// </summary>
internal static class CellTensorScope
{
    private static MethodInfo? newScope, detach;
    private static PropertyInfo? disposables;

    /// <summary>Opens the scope on the calling thread (the cell thread) if TorchSharp is loaded; dispose to detach.</summary>
    public static IDisposable Open()
    {
        if (newScope is null && !Find()) return Nothing.Instance;
        var scope = (IDisposable)newScope!.Invoke(null, null)!;
        return new Detacher(() =>
        {
            // Detach (not dispose) everything the cell created, then close the now empty scope.
            var owned = ((IEnumerable<IDisposable>)disposables!.GetValue(scope)!).ToArray();
            detach!.Invoke(scope, [owned]);
            scope.Dispose();
        });
    }

    private static bool Find()
    {
        var torch = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "TorchSharp")?.GetType("TorchSharp.torch");
        var create = torch?.GetMethod("NewDisposeScope", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
        var scopeType = create?.ReturnType;
        var view = scopeType?.GetProperty("DisposablesView");
        var detachMethod = scopeType?.GetMethod("Detach", [typeof(IEnumerable<IDisposable>)]);
        if (create is null || view is null || detachMethod is null) return false;
        (newScope, disposables, detach) = (create, view, detachMethod);
        return true;
    }

    private sealed class Detacher(Action detach) : IDisposable
    {
        public void Dispose() => detach();
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();
        public void Dispose() { }
    }
}
