using Regatta.Coordination.Store;

namespace Regatta.Coordination.Tests.Store;

public sealed class InMemoryStateStoreTests : StateStoreConformanceTests
{
    protected override bool IsDurable => false;

    protected override Task<IStateStore> OpenAsync() => Task.FromResult<IStateStore>(new InMemoryStateStore());
}
