package dev.foresight.topology.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import org.junit.jupiter.api.Test;

class DeploymentGuardianNamingTest {

    /** A renamed store or repartition topic would orphan its changelog or in-flight records. */
    @Test
    void shouldNameEveryStoreRepartitionTopicAndProcessorOfTheGuardian() {
        String description = new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build()
                .describe().toString();
        for (String name : new String[] {DeploymentGuardian.BASELINE_STORE, DeploymentGuardian.STATE_STORE,
                DeploymentGuardian.HOST_STORE, DeploymentGuardian.MODEL_STORE, DeploymentGuardian.VALIDATION_STORE,
                DeploymentGuardian.BY_SERVICE + "-repartition", "deployment-guard", "deployment-baseline"}) {
            assertTrue(description.contains(name), name);
        }
        assertFalse(description.contains("KSTREAM-"), "no generated processor names");
    }
}
