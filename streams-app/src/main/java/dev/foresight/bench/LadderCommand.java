package dev.foresight.bench;

import dev.foresight.app.DurationConverter;
import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.GroupLag;
import dev.foresight.app.TopicAdmin;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark ladder: one embedded broker, one simulated backlog, and every rung draining it in its
 * own JVM, runs alternated so that a noisy neighbour slows every rung alike; then the full topology live
 * at half its measured rate for event → command latency.
 */
@Command(name = "ladder", description = "Throughput of raw clients (L0), a Streams pass-through (L1), our ingest "
        + "(L2) and the full topology (L3, also with 2 instances) on one backlog, then event→command latency "
        + "at half of L3's rate. Prints a Markdown table of medians.")
final class LadderCommand implements Callable<Integer> {

    private static final Duration DONE_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration WARM_UP = Duration.ofSeconds(15);

    @Option(names = "--records", defaultValue = "1000000", paramLabel = "N",
            description = "Backlog size in records (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs per rung (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--rungs", defaultValue = "L0,L1,L2,L3", split = ",", paramLabel = "RUNG,...",
            description = "Rungs to run, alternated (default: ${DEFAULT-VALUE}).")
    List<Rung> rungs;

    @Option(names = "--scale-out", defaultValue = "2", paramLabel = "N",
            description = "Also run L3 with N instances after each L3 run; 1 to skip (default: ${DEFAULT-VALUE}).")
    int scaleOut;

    @Option(names = "--latency", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long to measure latency after a 15 s warm-up; 0s to skip "
            + "(default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--warm-up", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Before each measured run, run the same rung this long in the same JVM under another "
            + "application id, so the measured run has compiled code as a long-running instance has; 0s to "
            + "measure from a cold JVM (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--heap", defaultValue = "1g", paramLabel = "SIZE", description = "-Xmx of every rung JVM "
            + "(default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--jfr", paramLabel = "DIR", description = "Record a JFR profile of every L3 run into DIR "
            + "(after the warm-up, if any).")
    Path jfrDir;

    @Option(names = {"-p", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Streams setting for the rungs (e.g. commit.interval.ms=100). Repeatable.")
    List<String> kafkaProperties = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private Path workDir;
    private String bootstrapServers;
    private Admin admin;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        workDir = Files.createTempDirectory("foresight-ladder");
        try (EmbeddedKafka broker = EmbeddedKafka.start(workDir.resolve("kafka"), 0, 0)) {
            bootstrapServers = broker.bootstrapServers();
            try (Admin client = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin = client;
                new TopicAdmin(admin).createCatalogue((short) 1);
                admin.createTopics(List.of(new NewTopic(Rung.SINK_TOPIC, Topics.TELEMETRY.partitions(), (short) 1)))
                        .all().get();
                Backlog backlog = produceBacklog(out);
                LadderTable table = new LadderTable();
                climb(out, table);
                out.printf("%n%s%n", table.markdown());
                if (!latency.isZero()) {
                    double rate = table.median(Rung.L3.name(), RunResult::recordsPerSecond) / 2;
                    out.println(measureLatency(backlog, rate));
                }
                out.printf("rung logs in %s%n", workDir);
            }
        }
        return 0;
    }

    private Backlog produceBacklog(PrintWriter out) {
        // ends days before now, so the live latency run that follows it stays behind the wall clock
        Instant start = Instant.now().minus(Duration.ofDays(6).plusHours(12)).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaEventSink sink = KafkaEventSink.connect(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), AvroSerdes.bundled())) {
            Backlog backlog = Backlog.produce(sink, records, start);
            out.printf(Locale.ROOT, "backlog: %,d records (%s to %s simulated) sent in %.1f s%n", backlog.records(),
                    backlog.simulatedStart(), backlog.simulatedEnd(), backlog.seconds());
            out.flush();
            return backlog;
        }
    }

    private void climb(PrintWriter out, LadderTable table) throws Exception {
        for (int run = 1; run <= runs; run++) {
            for (Rung rung : rungs) {
                table.add(report(out, drain(rung, 1, run)));
                if (rung == Rung.L3 && scaleOut > 1) {
                    table.add(report(out, drain(rung, scaleOut, run)));
                }
            }
        }
    }

    private static RunResult report(PrintWriter out, RunResult result) {
        out.println(result.line());
        out.flush();
        return result;
    }

    /** Runs {@code instances} JVMs of one rung on the whole backlog until input and repartition lag are 0. */
    private RunResult drain(Rung rung, int instances, int run) throws Exception {
        String label = instances == 1 ? rung.name() : rung.name() + " ×" + instances;
        String applicationId = "bench-" + rung.name().toLowerCase(Locale.ROOT) + "-x" + instances + "-run" + run;
        List<RungProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                processes.add(launch(rung, applicationId, i, false));
            }
            processes.get(0).awaitRunning();
            long started = System.nanoTime();
            for (RungProcess process : processes.subList(1, processes.size())) {
                process.awaitRunning();
            }
            awaitNoLag(applicationId, processes);
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = 0;
            long rss = 0;
            for (RungProcess process : processes) {
                RungProcess.Usage usage = process.stop();
                cpu += usage.cpuNanos();
                rss = Math.max(rss, usage.peakRssKb());
            }
            return new RunResult(label, inputRecords(), seconds, cpu, rss);
        } finally {
            for (RungProcess process : processes) {
                process.close();
            }
            deleteInternalTopics(applicationId);
        }
    }

    private RungProcess launch(Rung rung, String applicationId, int instance, boolean live) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        if (jfrDir != null && rung == Rung.L3) {
            Files.createDirectories(jfrDir);
            // The default stack depth (64) cuts the stream thread's stacks below the processors.
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            // after the warm-up (timed from the JVM's start, so a few seconds of it are recorded)
            String delay = warmUp.isZero() ? "" : "delay=" + warmUp.toSeconds() + "s,";
            jvm.add("-XX:StartFlightRecording=settings=profile," + delay + "filename="
                    + jfrDir.resolve(applicationId + "-" + instance + ".jfr"));
        }
        List<String> args = new ArrayList<>(List.of("--rung", rung.name(), "--bootstrap-servers", bootstrapServers,
                "--application-id", applicationId,
                "--state-dir", workDir.resolve("state-" + applicationId + "-" + instance).toString()));
        if (live) {
            args.add("--live");
        }
        if (!warmUp.isZero()) {
            args.addAll(List.of("--warm-up", warmUp.toSeconds() + "s"));
        }
        kafkaProperties.forEach(p -> args.addAll(List.of("-p", p)));
        return RungProcess.start(jvm, args, workDir.resolve(applicationId + "-" + instance + ".log"));
    }

    private void awaitNoLag(String applicationId, List<RungProcess> processes) throws Exception {
        GroupLag lag = new GroupLag(admin, applicationId);
        long deadline = System.nanoTime() + DONE_TIMEOUT.toNanos();
        while (lag.sample(Topics.INPUTS).total() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(applicationId + " still lags after " + DONE_TIMEOUT);
            }
            for (RungProcess process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(applicationId + " died; see its log in " + workDir);
                }
            }
            Thread.sleep(200);
        }
    }

    private long inputRecords() throws ExecutionException, InterruptedException {
        return GroupLag.endOffsets(admin, Rung.inputNames()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Keeps the broker's disk and page cache to what the next run needs; the warm-up's topics too. */
    private void deleteInternalTopics(String applicationId) throws ExecutionException, InterruptedException {
        String warmUpId = RungCommand.WARM_UP_PREFIX + applicationId;
        List<String> internal = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") || name.startsWith(warmUpId + "-")).toList();
        admin.deleteTopics(internal).all().get();
    }

    /** L3 alone, fed live by the simulators at {@code rate} records/s. */
    @SuppressWarnings("try") // see RungProcess
    private String measureLatency(Backlog backlog, double rate) throws Exception {
        String applicationId = "bench-latency";
        try (RungProcess app = launch(Rung.L3, applicationId, 0, true)) {
            app.awaitRunning();
            AtomicBoolean stop = new AtomicBoolean();
            long[] sent = new long[1];
            long began = System.nanoTime();
            try (LatencyProbe probe = new LatencyProbe(KafkaEventSink.connect(
                    Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), AvroSerdes.bundled()),
                    bootstrapServers)) {
                Thread simulators = new Thread(() -> sent[0] = backlog.continueLive(probe, rate, stop::get),
                        "bench-live-simulators");
                simulators.start();
                Thread.sleep(WARM_UP.toMillis());
                probe.startMeasuring();
                Thread.sleep(latency.toMillis());
                stop.set(true);
                simulators.join();
                double seconds = (System.nanoTime() - began) / 1e9;
                app.stop();
                List<Double> ms = probe.latenciesMs();
                return String.format(Locale.ROOT, "latency at %,.0f records/s offered (%,.0f sent/s): ActionStarted → "
                        + "RESERVE (read_committed) p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d commands",
                        rate, sent[0] / seconds, percentile(ms, 0.5), percentile(ms, 0.99),
                        ms.isEmpty() ? Double.NaN : ms.get(ms.size() - 1), ms.size());
            }
        } finally {
            deleteInternalTopics(applicationId);
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
