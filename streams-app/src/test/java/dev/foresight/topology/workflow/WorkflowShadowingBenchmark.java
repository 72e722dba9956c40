package dev.foresight.topology.workflow;

import static dev.foresight.topology.TopologyFixture.START;

import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import dev.foresight.predict.workflow.NextActionPredictor;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Events per second through the workflow feature's two processors (shadow, then reservation pool) on
 * one thread, with the look-ahead on (pre-warming) and off; every action is submitted, started, completed;
 * with in-memory stores and Avro serdes: the cost of this feature's own logic, without
 * Kafka I/O. Compare with the Streams pass-through ceiling in NOTES.md. Not a JUnit test. Run:
 *
 * <pre>
 * mvn -q -B -o -pl schemas install -DskipTests
 * mvn -q -B -o -pl streams-app -Djavacpp.platform=linux-x86_64 test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.foresight.topology.workflow.WorkflowShadowingBenchmark \
 *     [-Dexec.args="WORKFLOWS"]
 * </pre>
 */
public final class WorkflowShadowingBenchmark {

    private static final String[] ACTIONS = {"extract", "transform", "join", "aggregate", "load", "report"};
    private static final int CONCURRENT = 10;
    private static final int RUNS = 3;

    private WorkflowShadowingBenchmark() {
    }

    public static void main(String[] args) {
        int workflows = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        List<WorkflowEvent> events = generate(workflows, new Random(7));
        System.out.printf("%d workflows, %d events (%d actions each, %d running at once)%n",
                workflows, events.size(), ACTIONS.length, CONCURRENT);
        for (WorkflowSettings settings : List.of(WorkflowSettings.defaults(),
                WorkflowSettings.defaults().withLookAhead(Duration.ZERO))) {
            System.out.println(settings.lookAhead().isZero() ? "look-ahead off" : "look-ahead " + settings.lookAhead());
            run("test double (mean)", () -> new MeanPredictor(0.9), events, settings);
            run("LSTM, synchronous training",
                    () -> new LstmNextActionPredictor(LstmSettings.defaults(), Runnable::run), events, settings);
            run("LSTM, background training",
                    () -> LstmNextActionPredictor.withBackgroundTraining(LstmSettings.defaults()), events, settings);
        }
    }

    private static void run(String name, Supplier<NextActionPredictor> predictors, List<WorkflowEvent> events,
                            WorkflowSettings settings) {
        double[] rates = new double[RUNS];
        Map<String, Integer> madeBy = new TreeMap<>();
        for (int i = 0; i < RUNS; i++) {
            madeBy.clear();
            rates[i] = events.size() / once(predictors.get(), events, madeBy, settings);
        }
        Arrays.sort(rates);
        System.out.printf("%-28s median %8.0f events/s (min %.0f, max %.0f)  RESERVE by %s%n",
                name, rates[RUNS / 2], rates[0], rates[RUNS - 1], madeBy);
    }

    /** Seconds to push every event through both processors. */
    private static double once(NextActionPredictor predictor, List<WorkflowEvent> events, Map<String, Integer> madeBy,
                               WorkflowSettings settings) {
        AvroSerdes serdes = AvroSerdes.bundled();
        MockProcessorContext<String, ShadowOutput> shadowContext = new MockProcessorContext<>();
        MockProcessorContext<String, AllocationCommand> poolContext = new MockProcessorContext<>();
        shadowContext.addStateStore(store(WorkflowShadowing.SHADOW_STORE, serdes.valueSerde()));
        shadowContext.addStateStore(store(WorkflowShadowing.HISTORY_STORE, serdes.valueSerde()));
        shadowContext.addStateStore(store(WorkflowShadowing.MODEL_STORE, Serdes.ByteArray()));
        poolContext.addStateStore(store(WorkflowShadowing.POOL_STORE, serdes.valueSerde()));
        ShadowProcessor shadows = new ShadowProcessor(settings, () -> predictor);
        ReservationPoolProcessor pool = new ReservationPoolProcessor(settings);
        shadows.init(shadowContext);
        pool.init(poolContext);
        long began = System.nanoTime();
        for (WorkflowEvent event : events) {
            shadows.process(new Record<>(event.getWorkflowId(), event, event.getTimestamp().toEpochMilli()));
            for (var forwarded : shadowContext.forwarded()) {
                if (forwarded.record().value() instanceof ShadowOutput.PoolRequest request) {
                    pool.process(new Record<>(forwarded.record().key(), request.command(),
                            forwarded.record().timestamp()));
                }
            }
            shadowContext.resetForwards();
            for (var command : poolContext.forwarded()) {
                AllocationCommand c = command.record().value();
                if (c.getAction().name().equals("RESERVE")) {
                    madeBy.merge(c.getDecision().getMadeBy(), 1, Integer::sum);
                }
            }
            poolContext.resetForwards();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        shadows.close();
        return seconds;
    }

    private static <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    /** Groups of {@value #CONCURRENT} workflows run interleaved; each action's memory depends on the input size. */
    private static List<WorkflowEvent> generate(int workflows, Random random) {
        List<WorkflowEvent> events = new ArrayList<>();
        Instant at = START;
        for (int group = 0; group < workflows / CONCURRENT; group++) {
            double[] scale = new double[CONCURRENT];
            for (int w = 0; w < CONCURRENT; w++) {
                scale[w] = Math.exp(random.nextGaussian() * 0.4);
                events.add(WorkflowEvents.created(id(group, w), at));
            }
            for (int a = 0; a < ACTIONS.length; a++) {
                at = at.plusSeconds(1);
                for (int w = 0; w < CONCURRENT; w++) {
                    events.add(WorkflowEvents.submitted(id(group, w), "a" + a, ACTIONS[a], at.minusMillis(500)));
                    events.add(WorkflowEvents.started(id(group, w), "a" + a, ACTIONS[a], at));
                }
                at = at.plusSeconds(5);
                for (int w = 0; w < CONCURRENT; w++) {
                    double memory = 256 * (a + 1) * scale[w] * (0.9 + 0.2 * random.nextDouble());
                    events.add(WorkflowEvents.completed(id(group, w), "a" + a, ACTIONS[a], at, 0.5 + a * 0.25, memory));
                }
            }
            for (int w = 0; w < CONCURRENT; w++) {
                events.add(WorkflowEvents.finished(id(group, w), at));
            }
        }
        return events;
    }

    private static String id(int group, int w) {
        return "wf-" + group + "-" + w;
    }
}
