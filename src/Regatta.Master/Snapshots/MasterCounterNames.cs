using System.Collections.Frozen;

namespace Regatta.Master.Snapshots;

/// <summary>The Mesos metric name of each <see cref="MasterCounter"/>.</summary>
internal static class MasterCounterNames
{
    private static readonly FrozenDictionary<MasterCounter, string> Names = new Dictionary<MasterCounter, string>
    {
        [MasterCounter.SlaveRegistrations] = "master/slave_registrations",
        [MasterCounter.SlaveReregistrations] = "master/slave_reregistrations",
        [MasterCounter.SlaveRemovals] = "master/slave_removals",
        [MasterCounter.SlaveRemovalsReasonUnhealthy] = "master/slave_removals/reason_unhealthy",
        [MasterCounter.SlaveRemovalsReasonUnregistered] = "master/slave_removals/reason_unregistered",
        [MasterCounter.SlaveUnreachableScheduled] = "master/slave_unreachable_scheduled",
        [MasterCounter.SlaveUnreachableCompleted] = "master/slave_unreachable_completed",
        [MasterCounter.SlaveUnreachableCanceled] = "master/slave_unreachable_canceled",
        [MasterCounter.RecoverySlaveRemovals] = "master/recovery_slave_removals",
        [MasterCounter.MessagesRegisterFramework] = "master/messages_register_framework",
        [MasterCounter.MessagesReregisterFramework] = "master/messages_reregister_framework",
        [MasterCounter.MessagesUnregisterFramework] = "master/messages_unregister_framework",
        [MasterCounter.MessagesDeactivateFramework] = "master/messages_deactivate_framework",
        [MasterCounter.MessagesLaunchTasks] = "master/messages_launch_tasks",
        [MasterCounter.MessagesDeclineOffers] = "master/messages_decline_offers",
        [MasterCounter.MessagesReviveOffers] = "master/messages_revive_offers",
        [MasterCounter.MessagesSuppressOffers] = "master/messages_suppress_offers",
        [MasterCounter.MessagesKillTask] = "master/messages_kill_task",
        [MasterCounter.MessagesStatusUpdate] = "master/messages_status_update",
        [MasterCounter.MessagesStatusUpdateAcknowledgement] = "master/messages_status_update_acknowledgement",
        [MasterCounter.MessagesReconcileTasks] = "master/messages_reconcile_tasks",
        [MasterCounter.MessagesFrameworkToExecutor] = "master/messages_framework_to_executor",
        [MasterCounter.MessagesExecutorToFramework] = "master/messages_executor_to_framework",
        [MasterCounter.MessagesRegisterSlave] = "master/messages_register_slave",
        [MasterCounter.MessagesReregisterSlave] = "master/messages_reregister_slave",
        [MasterCounter.MessagesUnregisterSlave] = "master/messages_unregister_slave",
        [MasterCounter.MessagesShutdownExecutor] = "master/messages_shutdown_executor",
        [MasterCounter.MessagesUpdateFramework] = "master/messages_update_framework",
        [MasterCounter.ValidStatusUpdates] = "master/valid_status_updates",
        [MasterCounter.InvalidStatusUpdates] = "master/invalid_status_updates",
        [MasterCounter.ValidStatusUpdateAcknowledgements] = "master/valid_status_update_acknowledgements",
        [MasterCounter.InvalidStatusUpdateAcknowledgements] = "master/invalid_status_update_acknowledgements",
        [MasterCounter.ValidFrameworkToExecutorMessages] = "master/valid_framework_to_executor_messages",
        [MasterCounter.InvalidFrameworkToExecutorMessages] = "master/invalid_framework_to_executor_messages",
        [MasterCounter.ValidExecutorToFrameworkMessages] = "master/valid_executor_to_framework_messages",
        [MasterCounter.InvalidExecutorToFrameworkMessages] = "master/invalid_executor_to_framework_messages",
        [MasterCounter.DroppedMessages] = "master/dropped_messages",
        [MasterCounter.OutstandingOffersCreated] = "master/offers_created",
        [MasterCounter.OffersRescinded] = "master/offers_rescinded",
        [MasterCounter.TasksLaunched] = "master/tasks_launched",
        [MasterCounter.TaskLostSourceMasterReasonInvalidOffers] = "master/task_lost/source_master/reason_invalid_offers",
        [MasterCounter.TaskLostSourceMasterReasonAgentRemoved] = "master/task_lost/source_master/reason_slave_removed",
        [MasterCounter.TaskUnreachableSourceMasterReasonAgentRemoved] = "master/task_unreachable/source_master/reason_slave_removed",
        [MasterCounter.TaskDroppedSourceMasterReasonInvalidOffers] = "master/task_dropped/source_master/reason_invalid_offers",
        [MasterCounter.TaskErrorSourceMasterReasonTaskInvalid] = "master/task_error/source_master/reason_task_invalid",
        [MasterCounter.HttpSchedulerCalls] = "master/http_scheduler_calls",
    }.ToFrozenDictionary();

    public static string MetricName(MasterCounter counter) => Names[counter];

    public static IReadOnlyCollection<MasterCounter> All => Names.Keys;
}
