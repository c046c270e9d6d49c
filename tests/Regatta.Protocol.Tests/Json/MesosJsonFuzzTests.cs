using System.Text;
using Regatta.Protocol.Tests.Support;

namespace Regatta.Protocol.Tests.Json;

/// <summary>Mutated fixtures must either parse or fail with <see cref="MesosJsonException"/>, never anything else.</summary>
public sealed class MesosJsonFuzzTests
{
    private static readonly byte[] Interesting = "{}[]\":,0-9.eE+nulltruefalse\\\u00ff "u8.ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_MutatedFixtures_OnlyMesosJsonException(int seed)
    {
        var random = new Random(seed);
        var parsed = 0;
        var rejected = 0;
        foreach (var name in Fixtures.Names)
        {
            var original = Encoding.UTF8.GetBytes(Fixtures.Read(name));
            var descriptor = Fixtures.DescriptorFor(name);
            for (var round = 0; round < 150; round++)
            {
                var mutated = Mutate(original, random);
                try
                {
                    MesosJson.Parse(descriptor, mutated);
                    parsed++;
                }
                catch (MesosJsonException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    rejected++;
                }
            }
        }

        // Both outcomes must occur, or the mutations are not exercising anything.
        Assert.True(parsed > 0 && rejected > 0, $"parsed {parsed}, rejected {rejected}");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var position = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[position] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 1:
                    bytes.RemoveAt(position);
                    break;
                case 2:
                    bytes.Insert(position, Interesting[random.Next(Interesting.Length)]);
                    break;
                default:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
            }
        }

        return [.. bytes];
    }
}
