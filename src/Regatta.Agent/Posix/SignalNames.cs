namespace Regatta.Agent.Posix;

/// <summary>Linux signal descriptions as glibc's <c>strsignal</c> prints them; Mesos puts these in task messages
/// ("Command terminated with signal Killed").</summary>
internal static class SignalNames
{
    private static readonly string[] Descriptions =
    [
        "Unknown signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
        "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
        "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued",
        "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition",
        "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
        "Window changed", "I/O possible", "Power failure", "Bad system call",
    ];

    public static string Describe(int signal) => signal >= 1 && signal < Descriptions.Length
        ? Descriptions[signal]
        : signal is >= 34 and <= 64 ? $"Real-time signal {signal - 34}" : $"Unknown signal {signal}";
}
