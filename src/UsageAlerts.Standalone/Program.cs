Console.WriteLine("standalone placeholder");
