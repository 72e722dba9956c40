package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.util.Optional;

/** Reads shadows from this instance's own store. */
public interface ShadowReader {

    /** @throws StoreUnavailableException while the store cannot be queried (rebalance, restoration) */
    Optional<ShadowWorkflow> read(String workflowId);
}
