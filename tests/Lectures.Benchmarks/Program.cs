Console.Error.WriteLine("No benchmarks yet (issue 3).");
return 2;
