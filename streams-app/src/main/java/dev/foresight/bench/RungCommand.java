package dev.foresight.bench;

import dev.foresight.app.DurationConverter;
import dev.foresight.config.KafkaProperties;
import dev.foresight.config.StreamsProperties;
import dev.foresight.serde.AvroSerdes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One run of one rung in its own JVM, driven by {@link LadderCommand} over stdin/stdout: it prints
 * {@code BENCH running} once it processes, and on {@code stop} prints {@code BENCH result <cpu-ns> <peak-rss-kb>}
 * (CPU since it printed running) before it shuts down.
 *
 * <p>With {@code --warm-up}, the JVM first runs the same rung for that long on the same inputs under the
 * application id {@value #WARM_UP_PREFIX}{@code <application-id>} (its own group, state and internal
 * topics), and only then starts the measured one: the measured run gets compiled code, as a long-running
 * instance has, and its own fresh state.
 */
@Command(name = "rung", hidden = true, description = "One benchmark rung in this JVM (driven by 'bench ladder').")
final class RungCommand implements Callable<Integer> {

    static final String PREFIX = "BENCH ";
    static final String WARM_UP_PREFIX = "warmup-";
    private static final int START_TIMEOUT_MINUTES = 6;

    @Option(names = "--rung", required = true)
    Rung rung;

    @Option(names = "--bootstrap-servers", required = true)
    String bootstrapServers;

    @Option(names = "--application-id", required = true)
    String applicationId;

    @Option(names = "--state-dir", required = true)
    String stateDir;

    @Option(names = "--live", description = "Start at the end of the inputs instead of their beginning.")
    boolean live;

    @Option(names = "--warm-up", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Run the rung this long under another application id first (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = {"-p", "--kafka-property"}, paramLabel = "KEY=VALUE")
    List<String> kafkaProperties = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("try") // the rung runs for the scope of the try; it is never referenced, only closed
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> overrides = KafkaProperties.fromAssignments(kafkaProperties);
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, live ? "latest" : "earliest");
        if (!warmUp.isZero()) {
            warmUp(new HashMap<>(overrides));
        }
        Properties props = StreamsProperties.create(bootstrapServers, overrides, Optional.empty());
        try (AutoCloseable running = start(props)) {
            tell(out, "running");
            long cpuAtStart = processCpuNanos();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("stop"));
            tell(out, "result " + (processCpuNanos() - cpuAtStart) + " " + peakRssKb());
        }
        return 0;
    }

    /** Runs the rung under its own application id, from the beginning of the inputs, for {@link #warmUp}. */
    @SuppressWarnings("try") // the warm-up runs for the scope of the try; it is never referenced, only closed
    private void warmUp(Map<String, String> overrides) throws Exception {
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, WARM_UP_PREFIX + applicationId);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir + "-" + WARM_UP_PREFIX.replace("-", ""));
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (AutoCloseable warming = start(StreamsProperties.create(bootstrapServers, overrides, Optional.empty()))) {
            Thread.sleep(warmUp.toMillis());
        }
    }

    private AutoCloseable start(Properties props) throws InterruptedException {
        return rung == Rung.L0 ? RawCopy.start(props) : startStreams(props);
    }

    private KafkaStreams startStreams(Properties props) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(rung.topology(AvroSerdes.bundled()), props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        // a fresh exactly-once app on a loaded 2-core machine has taken more than 2 minutes to its first RUNNING
        if (!running.await(START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Kafka Streams did not reach RUNNING in " + START_TIMEOUT_MINUTES
                    + " minutes: " + streams.state());
        }
        return streams;
    }

    private static void tell(PrintWriter out, String message) {
        out.println(PREFIX + message);
        out.flush();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM: the most resident memory this process has had. */
    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
