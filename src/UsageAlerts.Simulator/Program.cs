Console.WriteLine("simulator placeholder");
