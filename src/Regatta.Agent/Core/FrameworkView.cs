using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

internal sealed record FrameworkView(V1.FrameworkInfo Info, IReadOnlyList<ExecutorView> Executors, IReadOnlyList<ExecutorView> CompletedExecutors);
