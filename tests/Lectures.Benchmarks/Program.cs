if (args is ["manual-bptt", ..])
    return Lectures.Benchmarks.ManualBpttBenchmark.Run();
Console.Error.WriteLine("No benchmarks yet (issue 3). Available: manual-bptt");
return 2;
