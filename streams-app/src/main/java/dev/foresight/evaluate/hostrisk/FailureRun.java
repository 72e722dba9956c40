package dev.foresight.evaluate.hostrisk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One recorded run that ends in a failure, from {@code labels.yml}: minutes are 1-based rows of its file.
 *
 * @param faultyHosts the hosts the fault was injected into
 */
record FailureRun(String name, String faultType, int injectionMinute, int failureMinute, Set<String> faultyHosts) {

    /** @throws IllegalArgumentException if a run lacks its injection or failure minute, or no faulty host is named */
    static List<FailureRun> fromLabels(Path labels) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(labels.toFile());
        JsonNode sets = root.path("data_sets");
        Set<String> faulty = new TreeSet<>();
        root.path("faulty_hosts").forEach(host -> faulty.add(host.asText()));
        if (!sets.isObject() || faulty.isEmpty()) {
            throw new IllegalArgumentException(labels + " needs data_sets and faulty_hosts");
        }
        List<FailureRun> runs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sets.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> run = it.next();
            runs.add(new FailureRun(run.getKey(), run.getValue().path("fault_type").asText("unknown"),
                    minute(labels, run, "Injection_minute"), minute(labels, run, "Failure_minute"), faulty));
        }
        return runs;
    }

    private static int minute(Path labels, Map.Entry<String, JsonNode> run, String field) {
        JsonNode value = run.getValue().path(field);
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException(labels + ": run " + run.getKey() + " lacks a positive " + field);
        }
        return value.asInt();
    }
}
