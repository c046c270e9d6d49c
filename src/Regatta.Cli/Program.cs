Console.WriteLine("regatta");
