package dev.foresight.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.foresight.serde.AvroSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;

/**
 * Pins the literal names of everything stateful in the topology. A changelog or repartition topic is
 * found by name after a restart or an upgrade: a renamed store starts empty and its old changelog is
 * orphaned, a renamed repartition topic strands the records in flight.
 *
 * <p>After adding a feature, regenerate {@value #NAMES_FILE} and commit it with the feature:
 * {@code mvn -q -B -o -Djavacpp.platform=linux-x86_64 -pl streams-app -am surefire:test
 * -Dtest=TopologyNamesTest -Dsurefire.failIfNoSpecifiedTests=false -Dtopology.names.update=true}.
 * CI never sets the property, so it compares.
 */
class TopologyNamesTest {

    static final String NAMES_FILE = "src/test/resources/topology-names.txt";
    private static final String UPDATE = "topology.names.update";

    @Test
    void shouldKeepEveryStatefulProcessorStoreChangelogAndRepartitionNameOfTheCheckedInFile() throws IOException {
        List<String> actual = lines(InternalTopics.of(
                new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build().describe()));
        Path file = Path.of(NAMES_FILE);
        if (Boolean.getBoolean(UPDATE)) {
            Files.write(file, withHeader(actual), StandardCharsets.UTF_8);
        }
        List<String> expected;
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            expected = all.filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        Set<String> missing = difference(expected, actual);
        Set<String> added = difference(actual, expected);
        if (!missing.isEmpty() || !added.isEmpty()) {
            fail("the topology's names differ from " + NAMES_FILE + "\n"
                    + "  gone (renamed or removed): " + missing + "\n"
                    + "  new: " + added + "\n"
                    + "A renamed store or repartition topic orphans state: plan a migration (keep the old name,"
                    + " or reset the app and document it). A new feature only adds names: regenerate the file"
                    + " with -D" + UPDATE + "=true and commit it.");
        }
    }

    @Test
    void shouldRefuseToBuildATopologyWithAGeneratedStoreName() {
        StreamsBuilder builder = NamedTopologies.builder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .groupByKey().count(Named.as("in-count"));

        TopologyException refused = assertThrows(TopologyException.class, builder::build);

        assertTrue(refused.getMessage().contains("has not been named"), refused.getMessage());
    }

    @Test
    void shouldDeriveChangelogsFromStoresAndRepartitionsFromTopicsTheTopologyReadsBack() {
        InternalTopics names = InternalTopics.of(
                new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build().describe());

        assertTrue(names.stores().contains("workflow-shadow-store"));
        assertTrue(names.changelogs().contains("workflow-shadow-store-changelog"));
        assertTrue(names.repartitions().contains("deployment-inputs-by-service-repartition"));
        assertTrue(names.topicsOf("app").contains("app-workflow-reservations-by-pool-repartition"));
        assertTrue(names.stores().contains("synthesis-template-store"));
        assertFalse(names.changelogs().contains("synthesis-template-store-changelog"), "a global store has none");
        assertEquals(names.changelogs().size() + names.repartitions().size(), names.topicsOf("app").size());
    }

    private static List<String> lines(InternalTopics names) {
        List<String> lines = new ArrayList<>();
        names.processors().forEach(name -> lines.add("processor " + name));
        names.stores().forEach(name -> lines.add("store " + name));
        names.changelogs().forEach(name -> lines.add("changelog " + name));
        names.repartitions().forEach(name -> lines.add("repartition " + name));
        return lines;
    }

    private static List<String> withHeader(List<String> lines) {
        List<String> all = new ArrayList<>(List.of(
                "# The literal names of ForesightTopology, compared with topology.describe() by TopologyNamesTest.",
                "# Internal topics are created as <application.id>-<name>. Renaming a store or repartition",
                "# topic orphans state: plan a migration. Regenerate after adding a feature (see the test)."));
        all.addAll(lines);
        return all;
    }

    private static Set<String> difference(List<String> a, List<String> b) {
        Set<String> result = new TreeSet<>(a);
        b.forEach(result::remove);
        return result;
    }
}
