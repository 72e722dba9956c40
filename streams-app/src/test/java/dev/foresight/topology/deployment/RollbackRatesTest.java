package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.FROM;
import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.SERVICE;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.domain.deployment.RollbackRateLedger;
import dev.foresight.schema.state.RollbackRates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live rollback tally of a service and of all services, through the whole topology. */
class RollbackRatesTest {

    @TempDir
    Path stateDir;

    private GuardianScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new GuardianScenario(stateDir, new ErrorRateIsRisk());
    }

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    /** The latest tally of each scope published so far. */
    private Map<String, RollbackRates> latest() {
        Map<String, RollbackRates> latest = new HashMap<>();
        for (KeyValue<String, RollbackRates> record : scenario.rates.readKeyValuesToList()) {
            latest.put(record.key, record.value);
        }
        return latest;
    }

    /** A deployment that fails at {@code minute} and whose restored version then probes healthy or not. */
    private void failAndProbe(String deploymentId, int minute, boolean healthy) {
        scenario.next(deploymentId);
        scenario.start(at(minute, 0));
        scenario.fail(HOST, at(minute + 1, 0));
        for (int second = 0; second < 150; second += 30) {
            scenario.probe(HOST, FROM, healthy, at(minute + 2, second));
        }
    }

    @Test
    void shouldCountARollbackAsSoonAsItIsIssuedAndItsValidationWhenItConcludes() {
        failAndProbe("dep-1", 0, true);

        RollbackRates issued = latest().get(SERVICE);
        assertEquals(1, issued.getRolledBack());
        assertEquals(0, issued.getDeployments(), "still being validated");
        assertNull(issued.getSuccessRate(), "no rollback concluded yet");

        scenario.probe(HOST, FROM, true, at(12, 0));
        RollbackRates validated = latest().get(SERVICE);
        assertEquals(1, validated.getValidated());
        assertEquals(1.0, validated.getSuccessRate());
        assertEquals(1.0, validated.getRollbackRate());
        assertEquals(at(12, 0), validated.getUpdatedAt(), "as of the tick that concluded the validation");
    }

    @Test
    void shouldTallyValidatedEscalatedAndSucceededPerServiceAndOverall() {
        failAndProbe("dep-1", 0, true);
        failAndProbe("dep-2", 20, false);
        scenario.next("dep-3");
        scenario.start(at(40, 0));
        scenario.complete(at(41, 0));

        Map<String, RollbackRates> latest = latest();
        for (String scope : new String[] {SERVICE, RollbackRateLedger.OVERALL}) {
            RollbackRates rates = latest.get(scope);
            assertEquals(scope, rates.getScope());
            assertEquals(3, rates.getDeployments(), scope);
            assertEquals(1, rates.getSucceeded(), scope);
            assertEquals(2, rates.getRolledBack(), scope);
            assertEquals(1, rates.getValidated(), scope);
            assertEquals(1, rates.getEscalated(), scope);
            assertEquals(0.5, rates.getSuccessRate(), scope);
            assertEquals(0.5, rates.getEscalationRate(), scope);
            assertEquals(2.0 / 3, rates.getRollbackRate(), 1e-9, scope);
            assertEquals("dep-3", rates.getLastDeploymentId(), scope);
            assertEquals(rates, scenario.storedRates(scope), "the store holds what was published");
        }
    }
}
