package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.OTHER_HOST;
import static dev.foresight.topology.deployment.GuardianScenario.SERVICE;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCALE_DEPENDENTS reaches every service that calls the deployed one, directly or through others, in the
 * service graph of the environment its start names; the publisher's list (here cart and search) when that
 * graph is not known. Where the dependents came from is in every command's evidence.
 */
class ScaleDependentsTest {

    private static final String ENV = "staging";
    /** checkout ← cart ← web ← mobile, three levels above the deployed service; search calls nothing. */
    private static final Map<String, List<String>> CHAIN = Map.of(SERVICE, List.of(), "cart", List.of(SERVICE),
            "web", List.of("cart"), "mobile", List.of("web"), "search", List.of());

    @TempDir
    Path stateDir;

    private GuardianScenario scenario;

    @BeforeEach
    void setUp() {
        scenario = new GuardianScenario(stateDir, new ErrorRateIsRisk());
        scenario.baseline(List.of(HOST, OTHER_HOST), -3, 0);
    }

    @AfterEach
    void tearDown() {
        scenario.close();
    }

    @Test
    void shouldScaleEveryTransitiveDependentOfAThreeLevelChain() {
        scenario.plan(ENV, CHAIN, true, at(-1, 0));
        scenario.start(at(0, 0), ENV);

        List<AllocationCommand> scaled = scaleAt(0.72);

        assertEquals(List.of("cart", "mobile", "web"), targets(scaled));
        String evidence = scaled.get(0).getDecision().getEvidence().get("deployment.dependents");
        assertTrue(evidence.startsWith("[cart, mobile, web] from staging's service graph, transitively"), evidence);
        assertEquals(ENV, scaled.get(0).getDecision().getEvidence().get("deployment.environment"));
    }

    @Test
    void shouldRevertTheServicesItScaledEvenIfTheGraphChangedMeanwhile() {
        scenario.plan(ENV, CHAIN, true, at(-1, 0));
        scenario.start(at(0, 0), ENV);
        scenario.window(HOST, 0, 0.72, false);
        scenario.plan(ENV, Map.of(SERVICE, List.of(), "cart", List.of(SERVICE)), true, at(1, 0));
        for (int minute = 1; minute < 5; minute++) {
            scenario.window(HOST, minute, 0.2, false);
        }
        scenario.closeWindow(HOST, 5);

        List<AllocationCommand> reverts = scenario.allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == AllocationAction.REVERT && !c.getTarget().equals(HOST)).toList();
        assertEquals(List.of("cart", "mobile", "web"), targets(reverts));
    }

    @Test
    void shouldFallBackToThePublishersListWhenTheStartNamesNoEnvironment() {
        scenario.plan(ENV, CHAIN, true, at(-1, 0));
        scenario.start(at(0, 0));

        assertPublishersList(scaleAt(0.72), "no environment given");
    }

    @Test
    void shouldFallBackToThePublishersListWhenTheEnvironmentHasNoGraph() {
        scenario.plan(ENV, CHAIN, true, at(-1, 0));
        scenario.start(at(0, 0), "prod");

        assertPublishersList(scaleAt(0.72), "no service graph of prod yet");
    }

    @Test
    void shouldFallBackToThePublishersListWhenTheServiceIsNotInTheGraph() {
        scenario.plan(ENV, Map.of("cart", List.of(), "web", List.of("cart")), true, at(-1, 0));
        scenario.start(at(0, 0), ENV);

        assertPublishersList(scaleAt(0.72), SERVICE + " is not in staging's service graph");
    }

    @Test
    void shouldFallBackToThePublishersListWhenTheGraphIsNotValid() {
        scenario.plan(ENV, Map.of(), false, at(-1, 0));
        scenario.start(at(0, 0), ENV);

        assertPublishersList(scaleAt(0.72), "staging's service graph is not valid");
    }

    /** One minute at {@code risk}, scored when the next one starts: the SCALE commands it gave. */
    private List<AllocationCommand> scaleAt(double risk) {
        scenario.window(HOST, 0, risk, false);
        scenario.closeWindow(HOST, 1);
        return scenario.allocations.readValuesToList().stream()
                .filter(c -> c.getAction() == AllocationAction.SCALE).toList();
    }

    private static void assertPublishersList(List<AllocationCommand> scaled, String why) {
        assertEquals(List.of("cart", "search"), targets(scaled));
        assertEquals("[cart, search] from the publisher's list: " + why,
                scaled.get(0).getDecision().getEvidence().get("deployment.dependents"));
    }

    private static List<String> targets(List<AllocationCommand> commands) {
        return commands.stream().map(AllocationCommand::getTarget).sorted().toList();
    }
}
