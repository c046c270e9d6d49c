namespace Regatta.Agent.Posix;

/// <summary>Renders a st_mode as <c>ls -l</c> does (<c>drwxr-xr-x</c>), the form Mesos's /files/browse returns.</summary>
internal static class FileModeText
{
    public static string Format(uint mode)
    {
        var chars = new char[10];
        chars[0] = (mode & 0xF000) switch
        {
            0x4000 => 'd',
            0xA000 => 'l',
            0x2000 => 'c',
            0x6000 => 'b',
            0x1000 => 'p',
            0xC000 => 's',
            _ => '-',
        };
        Triplet(chars, 1, mode >> 6, (mode & 0x800) != 0, 's');
        Triplet(chars, 4, mode >> 3, (mode & 0x400) != 0, 's');
        Triplet(chars, 7, mode, (mode & 0x200) != 0, 't');
        return new string(chars);
    }

    private static void Triplet(char[] chars, int at, uint bits, bool special, char specialChar)
    {
        chars[at] = (bits & 4) != 0 ? 'r' : '-';
        chars[at + 1] = (bits & 2) != 0 ? 'w' : '-';
        var execute = (bits & 1) != 0;
        chars[at + 2] = special ? (execute ? specialChar : char.ToUpperInvariant(specialChar)) : execute ? 'x' : '-';
    }
}
