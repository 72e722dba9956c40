package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads the finished runs of this instance's run repository (the workflow types its tasks own). */
public interface RunReader {

    /**
     * Visits the runs of {@code workflowType} that finished in [from, to), oldest first, from the run
     * {@code startKey} names (inclusive) if it sorts after {@code from}, until {@code visitor} returns false.
     *
     * @throws StoreUnavailableException while the store cannot be queried
     */
    void scan(String workflowType, Instant from, Instant to, Optional<String> startKey, Predicate<ShadowWorkflow> visitor);

    /** @throws StoreUnavailableException while the store cannot be queried */
    Optional<ShadowWorkflow> run(String workflowType, String workflowId);
}
