package dev.foresight.domain.synthesis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest chain of stages through a definition's {@code needs}, weighted by each stage's mean
 * duration: the stages that set the pipeline's wall time, so the only ones worth speeding up.
 */
public record CriticalPath(List<String> stages, double seconds, String slowest) {

    public static CriticalPath of(PipelineDefinition definition, Map<String, Double> meanSeconds) {
        Map<String, JsonNode> byName = new HashMap<>();
        definition.stages().forEach(s -> byName.put(s.path("name").asText(), s));
        Map<String, Double> finish = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        String last = null;
        for (String name : byName.keySet().stream().sorted().toList()) {
            double end = finish(name, byName, meanSeconds, finish, previous, new ArrayList<>());
            if (last == null || end > finish.get(last)) {
                last = name;
            }
        }
        if (last == null) {
            return new CriticalPath(List.of(), 0, "");
        }
        List<String> path = new ArrayList<>();
        for (String at = last; at != null; at = previous.get(at)) {
            path.add(at);
        }
        Collections.reverse(path);
        String slowest = path.stream().max((a, b) -> Double.compare(meanSeconds.getOrDefault(a, 0.0),
                meanSeconds.getOrDefault(b, 0.0))).orElse("");
        return new CriticalPath(List.copyOf(path), finish.get(last), slowest);
    }

    /** Earliest finish of a stage; a cycle or an unknown need counts as no need, so bad input cannot loop. */
    private static double finish(String name, Map<String, JsonNode> byName, Map<String, Double> meanSeconds,
                                 Map<String, Double> finish, Map<String, String> previous, List<String> visiting) {
        Double known = finish.get(name);
        if (known != null) {
            return known;
        }
        visiting.add(name);
        double start = 0;
        for (JsonNode need : byName.get(name).path("needs")) {
            String n = need.asText();
            if (byName.containsKey(n) && !visiting.contains(n)) {
                double end = finish(n, byName, meanSeconds, finish, previous, visiting);
                if (end > start) {
                    start = end;
                    previous.put(name, n);
                }
            }
        }
        visiting.remove(name);
        double end = start + meanSeconds.getOrDefault(name, 0.0);
        finish.put(name, end);
        return end;
    }
}
