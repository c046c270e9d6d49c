namespace Regatta.Agent.Runtime;

internal interface IAgentInbox
{
    void Post(AgentInput input);
}
