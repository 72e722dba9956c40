package dev.foresight.query;

import dev.foresight.schema.state.ShadowWorkflow;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Lists the shadows of this instance's store, and the other instances that hold the rest. */
public interface ShadowCatalogue {

    /**
     * @return at most {@code limit} shadows of the local store, running ones first, then the most recently updated
     * @throws StoreUnavailableException while the store cannot be queried
     */
    List<ShadowWorkflow> recent(int limit);

    /** The other instances' {@code application.server} addresses whose stores hold shadows. */
    List<HostInfo> peers();
}
