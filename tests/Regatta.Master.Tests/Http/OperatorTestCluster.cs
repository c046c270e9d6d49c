using Google.Protobuf;
using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using Regatta.Resources;
using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Tests.Http;

/// <summary>
/// A master with one registered <see cref="FakeAgent"/> and, optionally, one framework (a real scheduler API
/// session) running tasks <c>task-1…task-n</c> whose first status times are 1000, 2000, 3000… seconds, so
/// ordering by start time is predictable.
/// </summary>
internal sealed class OperatorTestCluster : IAsyncDisposable
{
    public const string AgentResources = "cpus:2;mem:1024;ports:[31000-31010]";

    private OperatorTestCluster(OperatorTestMaster master, FakeAgent agent, SchedulerTestClient client, SchedulerSession? scheduler)
    {
        Master = master;
        Agent = agent;
        Client = client;
        Scheduler = scheduler;
    }

    public OperatorTestMaster Master { get; }

    public FakeAgent Agent { get; }

    public SchedulerTestClient Client { get; }

    public SchedulerSession? Scheduler { get; }

    public string FrameworkId => Scheduler?.FrameworkId ?? throw new InvalidOperationException("no framework in this cluster");

    public static async Task<OperatorTestCluster> StartAsync(int runningTasks = 0, Func<MasterOptions, MasterOptions>? configure = null)
    {
        var master = await OperatorTestMaster.StartAsync(configure);
        var agent = await RegisterAgentAsync(master.Endpoint);
        var client = new SchedulerTestClient(master.Endpoint);
        if (runningTasks == 0)
        {
            return new OperatorTestCluster(master, agent, client, null);
        }

        var scheduler = await SubscribeAsync(client);
        var ids = Enumerable.Range(1, runningTasks).Select(i => $"task-{i}").ToList();
        await LaunchAsync(scheduler, ids);
        for (var i = 0; i < ids.Count; i++)
        {
            var run = (await agent.NextAsync(MasterMessage.KindOneofCase.RunTask)).RunTask;
            var number = int.Parse(run.Task.TaskId.Value["task-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            await SendUpdateAsync(agent, scheduler.FrameworkId, run.Task.TaskId.Value, TaskState.TaskRunning, 1000.0 * number);
            await scheduler.NextAsync(Event.Types.Type.Update);
        }

        return new OperatorTestCluster(master, agent, client, scheduler);
    }

    public static async Task<FakeAgent> RegisterAgentAsync(Uri master)
    {
        var agent = await FakeAgent.ConnectAsync(master);
        await agent.RegisterAsync(AgentResources);
        return agent;
    }

    public static Task<SchedulerSession> SubscribeAsync(SchedulerTestClient client)
    {
        var info = new FrameworkInfo { User = "tester", Name = "operator-tests", Roles = { "*" } };
        info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.MultiRole });
        return client.SubscribeAsync(info);
    }

    /// <summary>Waits for an offer and launches command tasks of 0.5 cpus and 64 MB each on it.</summary>
    public static async Task LaunchAsync(SchedulerSession scheduler, IEnumerable<string> taskIds)
    {
        var offer = (await scheduler.NextAsync(Event.Types.Type.Offers)).Offers.Offers_[0];
        var launch = new Offer.Types.Operation.Types.Launch();
        foreach (var taskId in taskIds)
        {
            var task = new TaskInfo
            {
                Name = taskId,
                TaskId = new TaskID { Value = taskId },
                AgentId = offer.AgentId,
                Command = new CommandInfo { Value = "sleep 60" },
            };
            foreach (var resource in ResourceWire.ToProto(ResourceText.Parse("cpus:0.5;mem:64")))
            {
                resource.AllocationInfo = new Regatta.Protocol.V1.Resource.Types.AllocationInfo { Role = offer.AllocationInfo.Role };
                task.Resources.Add(resource);
            }

            launch.TaskInfos.Add(task);
        }

        var accept = new Call.Types.Accept
        {
            Operations = { new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = launch } },
            Filters = new Filters { RefuseSeconds = 0 },
        };
        accept.OfferIds.Add(offer.Id);
        var (status, body) = await scheduler.Client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Accept, Accept = accept });
        Assert.True(status == 202, $"ACCEPT → {status}: {body}");
    }

    /// <summary>A status update like the agent's, with a chosen timestamp.</summary>
    public static Task SendUpdateAsync(FakeAgent agent, string frameworkId, string taskId, TaskState state, double timestamp) =>
        agent.SendAsync(new AgentMessage
        {
            StatusUpdate = new StatusUpdate
            {
                FrameworkId = new FrameworkID { Value = frameworkId },
                Status = new TaskStatus
                {
                    TaskId = new TaskID { Value = taskId },
                    State = state,
                    Source = TaskStatus.Types.Source.Executor,
                    AgentId = new AgentID { Value = agent.AgentId },
                    ExecutorId = new ExecutorID { Value = taskId },
                    Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
                    Timestamp = timestamp,
                },
                LatestState = state,
            },
        });

    public async ValueTask DisposeAsync()
    {
        if (Scheduler is not null)
        {
            await Scheduler.DisposeAsync();
        }

        Client.Dispose();
        await Agent.DisposeAsync();
        await Master.DisposeAsync();
    }
}
