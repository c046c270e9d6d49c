using Regatta.Protocol.V1;

namespace Regatta.Protocol.Tests;

public sealed class TaskStatesTests
{
    [Theory]
    [InlineData(TaskState.TaskStaging, false)]
    [InlineData(TaskState.TaskStarting, false)]
    [InlineData(TaskState.TaskRunning, false)]
    [InlineData(TaskState.TaskKilling, false)]
    [InlineData(TaskState.TaskUnreachable, false)]
    [InlineData(TaskState.TaskUnknown, false)]
    [InlineData(TaskState.TaskFinished, true)]
    [InlineData(TaskState.TaskFailed, true)]
    [InlineData(TaskState.TaskKilled, true)]
    [InlineData(TaskState.TaskError, true)]
    [InlineData(TaskState.TaskLost, true)]
    [InlineData(TaskState.TaskDropped, true)]
    [InlineData(TaskState.TaskGone, true)]
    [InlineData(TaskState.TaskGoneByOperator, true)]
    public void IsTerminal_EachState_MatchesMesos(TaskState state, bool terminal)
    {
        Assert.Equal(terminal, TaskStates.IsTerminal(state));
    }

    [Theory]
    [InlineData(TaskState.TaskUnreachable, TaskState.TaskLost)]
    [InlineData(TaskState.TaskDropped, TaskState.TaskLost)]
    [InlineData(TaskState.TaskGone, TaskState.TaskLost)]
    [InlineData(TaskState.TaskGoneByOperator, TaskState.TaskLost)]
    [InlineData(TaskState.TaskUnknown, TaskState.TaskLost)]
    [InlineData(TaskState.TaskRunning, TaskState.TaskRunning)]
    [InlineData(TaskState.TaskKilled, TaskState.TaskKilled)]
    [InlineData(TaskState.TaskLost, TaskState.TaskLost)]
    public void ToPartitionUnaware_EachState_MapsPartitionStatesToLost(TaskState state, TaskState expected)
    {
        Assert.Equal(expected, TaskStates.ToPartitionUnaware(state));
    }

    [Fact]
    public void IsTerminal_CoversEveryDeclaredState()
    {
        // Guards against a new enum value silently falling into "not terminal".
        Assert.Equal(14, Enum.GetValues<TaskState>().Length);
    }
}
