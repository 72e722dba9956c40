package dev.foresight.domain.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.common.ResourceUsage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** An amount of each resource an action uses. Units as in {@code ResourceUsage}. */
public record Resources(double cpuCores, double memoryMb, double networkMb, double cost, double durationMs) {

    /** The resources in a fixed order, with their names, for per-resource loops. */
    public static final Map<String, ToDoubleFunction<Resources>> NAMED = named();

    public static Resources of(ResourceUsage usage) {
        return new Resources(usage.getCpuCores(), usage.getMemoryMb(), usage.getNetworkMb(), usage.getCost(),
                usage.getDurationMs());
    }

    public static Resources of(ResourcePrediction p) {
        return new Resources(p.cpuCores(), p.memoryMb(), p.networkMb(), p.cost(), p.durationMs());
    }

    public ResourceUsage toUsage() {
        return new ResourceUsage(cpuCores, memoryMb, networkMb, cost, Math.round(durationMs));
    }

    public ActionObservation observed(String actionType) {
        return new ActionObservation(actionType, cpuCores, memoryMb, networkMb, cost, durationMs);
    }

    public Resources scaled(double factor) {
        return new Resources(cpuCores * factor, memoryMb * factor, networkMb * factor, cost * factor,
                durationMs * factor);
    }

    /** Predictions may come out slightly negative; no action uses less than nothing. */
    public Resources atLeastZero() {
        return new Resources(Math.max(0, cpuCores), Math.max(0, memoryMb), Math.max(0, networkMb),
                Math.max(0, cost), Math.max(0, durationMs));
    }

    /** Adds each resource under {@code prefix + name}, e.g. for a decision's inputs. */
    public void putInto(Map<String, Double> target, String prefix) {
        NAMED.forEach((name, value) -> target.put(prefix + name, value.applyAsDouble(this)));
    }

    private static Map<String, ToDoubleFunction<Resources>> named() {
        Map<String, ToDoubleFunction<Resources>> named = new LinkedHashMap<>();
        named.put("cpuCores", Resources::cpuCores);
        named.put("memoryMb", Resources::memoryMb);
        named.put("networkMb", Resources::networkMb);
        named.put("cost", Resources::cost);
        named.put("durationMs", Resources::durationMs);
        return Collections.unmodifiableMap(named);
    }
}
