package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Test double for the store layers: an owner for every key and a map of shadows. */
final class FakeShadows implements ShadowLocator, ShadowReader {

    private final Map<String, ShadowWorkflow> shadows = new HashMap<>();
    private KeyOwner owner = new KeyOwner.Local();
    private boolean queryable = true;

    FakeShadows put(ShadowWorkflow shadow) {
        shadows.put(shadow.getWorkflowId(), shadow);
        return this;
    }

    FakeShadows ownedBy(KeyOwner newOwner) {
        owner = newOwner;
        return this;
    }

    FakeShadows notQueryable() {
        queryable = false;
        return this;
    }

    @Override
    public KeyOwner locate(String workflowId) {
        return owner;
    }

    @Override
    public Optional<ShadowWorkflow> read(String workflowId) {
        if (!queryable) {
            throw new StoreUnavailableException("rebalancing", null);
        }
        return Optional.ofNullable(shadows.get(workflowId));
    }
}
