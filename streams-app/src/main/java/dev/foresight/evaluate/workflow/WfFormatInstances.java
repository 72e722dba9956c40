package dev.foresight.evaluate.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.evaluate.InputFileException;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionSubmitted;
import dev.foresight.schema.events.WorkflowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a WfFormat instance (WfCommons) into a {@link WorkflowRun} through the same replayer that sends it
 * to Kafka: the format has no submit or start times, so a task is submitted when its last parent ends. The
 * format records no requests either, so every task asks for the platform default; a task's input size is
 * the sum of its input files' sizes ({@link #inputSizesMb}). Tasks without a recorded
 * memory, or with a memory or runtime of 0, are counted and left out.
 */
final class WfFormatInstances {

    static final String SOURCE = "WfFormat instance";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024 * 1024;

    private WfFormatInstances() {
    }

    static WorkflowRun read(Path instance) throws IOException {
        Map<String, Long> submits = new HashMap<>();
        List<TimedEvent<?>> events = events(instance);
        Map<String, Double> inputs = inputSizesMb(instance);
        RecordTally tally = new RecordTally();
        List<TraceTask> tasks = new ArrayList<>();
        for (TimedEvent<?> event : events) {
            if (!(event.value() instanceof WorkflowEvent workflowEvent)) {
                continue;
            }
            if (workflowEvent.getPayload() instanceof ActionSubmitted submitted) {
                submits.put(submitted.getActionId(), event.timestampMs());
            } else if (workflowEvent.getPayload() instanceof ActionCompleted completed) {
                task(submits.get(completed.getActionId()), event.timestampMs(), completed,
                        inputs.getOrDefault(completed.getActionId(), Double.NaN), tally).ifPresent(tasks::add);
            }
        }
        return tally.run(instance.getFileName().toString().replaceFirst("\\.json$", ""), SOURCE, tasks);
    }

    private static List<TimedEvent<?>> events(Path instance) throws IOException {
        try {
            return Replayers.forFormat("wfformat").events(instance);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InputFileException(instance, "not valid JSON: " + problem, e);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InputFileException(instance, e.getMessage().replace(instance + ": ", ""), e);
        }
    }

    /**
     * Each task's input size: the sum of the {@code sizeInBytes} of its {@code inputFiles}, in MiB (files exist
     * when the task is submitted); NaN for a task whose input files are not all listed with a size.
     */
    static Map<String, Double> inputSizesMb(Path instance) throws IOException {
        JsonNode specification = JSON.readTree(instance.toFile()).path("workflow").path("specification");
        Map<String, Double> fileSizes = new HashMap<>();
        specification.path("files").forEach(file -> {
            if (file.path("sizeInBytes").isNumber()) {
                fileSizes.put(file.path("id").asText(), file.path("sizeInBytes").asDouble());
            }
        });
        Map<String, Double> inputs = new HashMap<>();
        for (JsonNode task : specification.path("tasks")) {
            double bytes = 0;
            for (JsonNode file : task.path("inputFiles")) {
                bytes += fileSizes.getOrDefault(file.asText(), Double.NaN);
            }
            inputs.put(task.path("id").asText(), task.path("inputFiles").isArray() ? bytes / MIB : Double.NaN);
        }
        return inputs;
    }

    private static Optional<TraceTask> task(long submitMs, long completeMs, ActionCompleted completed,
                                            double inputMb, RecordTally tally) {
        ResourceUsage used = completed.getActual();
        if (Double.isNaN(used.getMemoryMb())) {
            tally.exclude("no memoryInBytes");
        } else if (used.getMemoryMb() <= 0) {
            tally.exclude("memoryInBytes 0");
        } else if (used.getDurationMs() <= 0) {
            tally.exclude("runtimeInSeconds 0");
        } else {
            if (Double.isNaN(used.getCpuCores())) {
                tally.missing("avgCPU");
            }
            if (Double.isNaN(inputMb)) {
                tally.missing("inputFiles sizeInBytes");
            }
            return Optional.of(new TraceTask(completed.getActionType(), Double.NaN, used.getMemoryMb(),
                    used.getCpuCores(), used.getDurationMs(), used.getNetworkMb(), submitMs, completeMs, inputMb));
        }
        return Optional.empty();
    }
}
