package dev.foresight.domain.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.HostWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentEvidenceTest {

    private static final Instant AT = Instant.parse("2026-01-05T08:00:00Z");

    private final DeploymentState deployment = DeploymentState.newBuilder().setDeploymentId("d-1")
            .setServiceId("checkout").setFromVersion("v1").setToVersion("v2").setStartedAt(AT).setUpdatedAt(AT)
            .setStatus(DeploymentStatus.RUNNING).setHosts(List.of("h-1", "h-2")).setStepsCompleted(1)
            .setHealthyProbes(3).setUnhealthyProbes(1).build();

    @Test
    void shouldNameTheDeploymentItsVersionsProgressAndProbes() {
        Map<String, String> evidence = DeploymentEvidence.of(deployment);

        assertEquals("v1 -> v2", evidence.get("deployment.versions"));
        assertEquals("RUNNING", evidence.get("deployment.status"));
        assertEquals("1 of 2 hosts", evidence.get("deployment.steps"));
        assertEquals("3 healthy, 1 unhealthy", evidence.get("deployment.probes"));
        assertTrue(!evidence.containsKey("deployment.failureReason"), evidence.toString());
    }

    @Test
    void shouldAddTheHostsLastWindowAsMeans() {
        HostRiskState host = HostRiskState.newBuilder().setDeploymentId("d-1").setHostId("h-2")
                .setWindow(HostWindow.newBuilder().setStart(AT).setCount(4).setCpuSum(2.0).setCpuMax(0.9)
                        .setMemorySum(4000).setLatencySum(400).setErrorSum(3).setRequestSum(100).build())
                .setLastScore(0.42).build();

        Map<String, String> evidence = DeploymentEvidence.of(deployment, host);

        assertEquals("h-2", evidence.get("host.id"));
        assertEquals("from 2026-01-05T08:00:00Z, 4 samples: cpu mean 0.500 max 0.900, memory mean 1000.0, "
                + "latency mean 100.0, errors 3 of 100 requests", evidence.get("host.window"));
        assertEquals("0.420", evidence.get("host.lastScore"));
        assertEquals("d-1", evidence.get("deployment.id"));
    }
}
