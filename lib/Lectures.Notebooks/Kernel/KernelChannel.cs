namespace Lectures.Notebooks.Kernel;

/// <summary>The kernel's sockets that carry messages (the heartbeat only echoes).</summary>
public enum KernelChannel
{
    /// <summary>Requests from front ends and their replies.</summary>
    Shell,

    /// <summary>Interrupt, shutdown and other urgent requests, served while a cell runs.</summary>
    Control,

    /// <summary>Input requests to a front end.</summary>
    Stdin,

    /// <summary>Outputs and status, broadcast to every front end.</summary>
    Iopub,
}
