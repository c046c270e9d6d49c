using BenchmarkDotNet.Running;
using Regatta.Benchmarks;

// Run e.g. `dotnet run -c Release --project bench/Regatta.Benchmarks -- --filter '*Allocator*' --job short`.
BenchmarkSwitcher.FromAssembly(typeof(AllocatorBenchmarks).Assembly).Run(args);
