package dev.foresight.bench;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.TopicAdmin;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Failover of two app instances (child JVMs of the shaded jar) on an in-process broker, under a steady
 * load of workflow actions: SIGKILL one, and time until the survivor answers the shadow of every workflow
 * and a RESERVE/REJECT decision has been emitted for an action started after the kill on every workflow.
 * Then the killed instance is started again and the next kill goes to the other one. At the end every
 * action started must have exactly one decision (none lost, none duplicated by command id).
 *
 * <p>Usage (from the repository root, after {@code mvn -pl streams-app -am package -DskipTests} and
 * {@code mvn -pl tests -am test-compile}):
 * {@code java -Xmx512m -cp streams-app/target/foresight.jar:tests/target/test-classes
 * dev.foresight.bench.FailoverBenchmark [kills] [-p key=value ...]}; the {@code -p} settings are passed to
 * both instances, so the defaults can be compared with other choices.
 */
public final class FailoverBenchmark {

    private static final Path JAR = Path.of("streams-app/target/foresight.jar");
    private static final int WORKFLOWS = 16;
    private static final Duration START_EVERY = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final Pattern RESTORED = Pattern.compile("Restored (\\d+) records of store");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dir;
    private final List<String> settings;
    private final String bootstrapServers;
    private final Instance[] instances = new Instance[2];
    /** Sent ActionStarted targets (workflowId/actionId) with the wall-clock time they were sent. */
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    /** First wall-clock time a decision on a target was read, and how often each command id was read. */
    private final Map<String, Long> decided = new ConcurrentHashMap<>();
    private final Map<String, Integer> commandIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> decisionsPerTarget = new ConcurrentHashMap<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);

    private FailoverBenchmark(Path dir, List<String> settings, String bootstrapServers) {
        this.dir = dir;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 && !args[0].startsWith("-") ? Integer.parseInt(args[0]) : 3;
        List<String> settings = Arrays.stream(args).dropWhile(a -> !a.startsWith("-")).toList();
        Path dir = Files.createTempDirectory("failover-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                new TopicAdmin(admin).createCatalogue((short) 1);
            }
            new FailoverBenchmark(dir, settings, kafka.bootstrapServers()).run(kills);
        }
        System.exit(0);
    }

    private void run(int kills) throws Exception {
        try {
            measure(kills);
        } finally {
            for (Instance instance : instances) {
                if (instance != null && instance.process != null) {
                    instance.kill();
                }
            }
        }
    }

    private void measure(int kills) throws Exception {
        for (int i = 0; i < instances.length; i++) {
            instances[i] = new Instance(i, freePort(), dir.resolve("instance-" + i));
            instances[i].start();
        }
        for (Instance instance : instances) {
            instance.awaitServing();
        }
        Thread load = new Thread(this::load, "load");
        Thread read = new Thread(this::readDecisions, "decisions");
        load.start();
        read.start();
        awaitDecisionsForEveryWorkflowAfter(System.currentTimeMillis());
        List<Long> recoveries = new ArrayList<>();
        for (int kill = 0; kill < kills; kill++) {
            Instance victim = instances[kill % 2];
            Instance survivor = instances[(kill + 1) % 2];
            long killedAt = System.currentTimeMillis();
            victim.kill();
            long shadows = survivor.awaitEveryShadow() - killedAt;
            long commands = awaitDecisionsForEveryWorkflowAfter(killedAt) - killedAt;
            recoveries.add(Math.max(shadows, commands));
            System.out.printf("kill %d (instance %d): every shadow served after %d ms, new commands on every "
                    + "workflow after %d ms%n", kill + 1, victim.id, shadows, commands);
            victim.start();
            victim.awaitServing();
            awaitDecisionsForEveryWorkflowAfter(System.currentTimeMillis());
        }
        loading.set(false);
        load.join();
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (!decided.keySet().containsAll(started.keySet()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        report(recoveries);
        cleanRestart();
    }

    /**
     * Both stopped the way Ctrl-C stops them (instance 1 first, so instance 0 holds every task last, once it serves
     * every shadow), then instance 0 started alone: how much does it restore, and into which stores?
     */
    private void cleanRestart() throws Exception {
        long beforeHandOver = Files.size(instances[0].log());
        instances[1].stop();
        instances[0].awaitServing();
        instances[0].awaitEveryShadow();
        System.out.printf("instance 1 stopped: instance 0 restored %d records while taking its tasks over%n",
                instances[0].restoredAfter(beforeHandOver));
        instances[0].stop();
        long logged = Files.size(instances[0].log());
        instances[0].start();
        instances[0].awaitServing();
        instances[0].awaitEveryShadow();
        System.out.printf("clean stop, then start: %d records restored from changelogs%n",
                instances[0].restoredAfter(logged));
        instances[0].restoreLinesAfter(logged).forEach(line -> System.out.println("  " + line));
    }

    private void report(List<Long> recoveries) {
        long lost = started.keySet().stream().filter(t -> !decided.containsKey(t)).count();
        long duplicatedIds = commandIds.values().stream().filter(n -> n > 1).count();
        long duplicatedTargets = decisionsPerTarget.values().stream().filter(n -> n > 1).count();
        List<Long> sorted = recoveries.stream().sorted().toList();
        System.out.printf("settings %s%nrecoveries %s ms, median %d ms; %d actions started, %d without a decision, "
                        + "%d command ids read twice, %d actions decided twice%n", settings, recoveries,
                sorted.get(sorted.size() / 2), started.size(), lost, duplicatedIds, duplicatedTargets);
    }

    /** @return when a decision had been read, for every workflow, on an action started after {@code since} */
    private long awaitDecisionsForEveryWorkflowAfter(long since) throws InterruptedException {
        long deadline = since + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            boolean all = IntStream.range(0, WORKFLOWS).allMatch(w -> started.entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith(workflow(w) + "/") && e.getValue() >= since
                            && decided.containsKey(e.getKey())));
            if (all) {
                return System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no decisions on every workflow within " + TIMEOUT);
    }

    /** Creates the workflows, then starts one action every {@link #START_EVERY}, round robin over them. */
    private void load() {
        Serializer<WorkflowEvent> values = AvroSerdes.bundled().<WorkflowEvent>valueSerde().serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int w = 0; w < WORKFLOWS; w++) {
                send(producer, values, event(workflow(w), new WorkflowCreated(0)));
            }
            for (long n = 0; loading.get(); n++) {
                String workflowId = workflow((int) (n % WORKFLOWS));
                String actionId = "a" + n;
                send(producer, values, event(workflowId, new ActionStarted(actionId, "step",
                        new ResourceUsage(1.0, 256.0, 1.0, 0.01, 1000L))));
                started.put(workflowId + "/" + actionId, System.currentTimeMillis());
                Thread.sleep(START_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Serializer<WorkflowEvent> values,
                             WorkflowEvent event) {
        String topic = Topics.WORKFLOWS.name();
        producer.send(new ProducerRecord<>(topic, event.getWorkflowId(), values.serialize(topic, event)));
        producer.flush();
    }

    private static WorkflowEvent event(String workflowId, Object payload) {
        return WorkflowEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setWorkflowId(workflowId)
                .setWorkflowType("bench").setTimestamp(Instant.now()).setPayload(payload).build();
    }

    private void readDecisions() {
        try (KafkaConsumer<String, AllocationCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "failover-bench-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer())) {
            String topic = Topics.ALLOCATIONS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (loading.get() || !decided.keySet().containsAll(started.keySet())) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    AllocationCommand command = record.value();
                    if (command.getAction() == AllocationAction.RESERVE || command.getAction() == AllocationAction.REJECT) {
                        decided.putIfAbsent(command.getTarget(), System.currentTimeMillis());
                        commandIds.merge(command.getCommandId(), 1, Integer::sum);
                        decisionsPerTarget.merge(command.getTarget(), 1, Integer::sum);
                    }
                });
            }
        }
    }

    private static String workflow(int w) {
        return "bench-wf-" + w;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One app instance: {@code java -jar foresight.jar run} on the shared broker, with its own state and port. */
    private final class Instance {

        final int id;
        final int port;
        final Path home;
        Process process;

        Instance(int id, int port, Path home) {
            this.id = id;
            this.port = port;
            this.home = home;
        }

        void start() throws IOException {
            Files.createDirectories(home);
            List<String> command = new ArrayList<>(List.of("java", "-Xmx600m", "-jar", JAR.toString(), "run",
                    "--bootstrap-servers", bootstrapServers, "--no-simulators", "--application-id", "failover-bench",
                    "--state-dir", home.resolve("state").toString(), "--http-port", Integer.toString(port),
                    "--progress-interval", "1h"));
            command.addAll(settings);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        }

        Path log() {
            return home.resolve("output.log");
        }

        /** SIGTERM: {@code run} closes Kafka Streams and leaves the group, as on Ctrl-C. */
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }

        /** The records its restore log lines count, from byte {@code offset} of its output on. */
        long restoredAfter(long offset) throws IOException {
            return restoreLinesAfter(offset).stream().map(RESTORED::matcher).filter(Matcher::find)
                    .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        }

        List<String> restoreLinesAfter(long offset) throws IOException {
            String text = Files.readString(log());
            return text.substring((int) Math.min(offset, text.length())).lines()
                    .filter(line -> RESTORED.matcher(line).find()).toList();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** Running and answering: a shadow that does not exist is a 404, not a 503. */
        void awaitServing() throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (status("/shadow/bench-no-such-workflow") != 404) {
                if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("instance " + id + " is not serving; see " + home.resolve("output.log"));
                }
                Thread.sleep(200);
            }
        }

        /** @return when this instance answered 200 for the shadow of every workflow, itself or by forwarding */
        long awaitEveryShadow() throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                if (IntStream.range(0, WORKFLOWS).allMatch(w -> status("/shadow/" + workflow(w)) == 200)) {
                    return System.currentTimeMillis();
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("instance " + id + " did not serve every shadow within " + TIMEOUT);
        }

        int status(String path) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
