using System.Runtime.InteropServices;

namespace Regatta.Agent.Posix;

/// <summary>Looks users up through NSS (<c>getpwnam_r</c>), so LDAP/sssd accounts work as they do for Mesos.</summary>
internal static unsafe class UserDatabase
{
    private const int ERANGE = 34;

    public static bool IsRoot => Libc.GetEuid() == 0;

    public static UserAccount? Find(string name)
    {
        var size = 4096;
        while (size <= 1 << 20)
        {
            var buffer = new byte[size];
            Libc.Passwd pwd;
            Libc.Passwd* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = Libc.GetPwNamR(name, &pwd, b, (nuint)size, &result);
                if (rc == 0)
                {
                    return result == null
                        ? null
                        : new UserAccount(
                            Marshal.PtrToStringUTF8(pwd.Name) ?? name,
                            pwd.Uid,
                            pwd.Gid,
                            Marshal.PtrToStringUTF8(pwd.Dir) ?? "/");
                }
            }

            if (rc != ERANGE)
            {
                return null;
            }

            size *= 4;
        }

        return null;
    }
}
