using System.Globalization;
using SynVid.Bench;
using SynVid.Runtime;

// Benchmarks of SynVid's hot paths. Usage: dotnet run -c Release --project bench/SynVid.Bench -- [NAME ...] [--threads T]
// With no names every benchmark runs. Each prints one line: name, configuration, median.
var threads = 1;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--threads" && i + 1 < args.Length)
    {
        threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        names.Add(args[i]);
    }
}
TorchRuntime.Configure(threads);
var all = BenchmarkCatalog.All;
foreach (var name in names.Where(n => !all.ContainsKey(n)))
{
    Console.Error.WriteLine($"unknown benchmark '{name}'; known: {string.Join(", ", all.Keys)}");
    return 2;
}
foreach (var (name, run) in all.Where(kv => names.Count == 0 || names.Contains(kv.Key)))
{
    Console.WriteLine($"{name}: {run()}");
}
return 0;
