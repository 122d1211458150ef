Console.Error.WriteLine("The notebook engine is not built yet (issue 4).");
return 2;
