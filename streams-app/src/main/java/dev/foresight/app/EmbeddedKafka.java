package dev.foresight.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one process) built from Kafka's own
 * server classes. It listens on loopback only and keeps its log in a persistent directory, so topics,
 * offsets and state survive a restart of {@code run}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} if it holds no broker yet, then starts the broker and waits until it
     * serves requests. A port of 0 picks a free one.
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort) {
        long started = System.nanoTime();
        int port = brokerPort == 0 ? freePort() : brokerPort;
        int ctlPort = controllerPort == 0 ? freePort() : controllerPort;
        Properties props = brokerProperties(dataDir.toAbsolutePath(), port, ctlPort);
        formatIfNew(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = HOST + ":" + port;
        LOG.info("Embedded Kafka broker at {} (data in {}) started in {} ms", bootstrap, dataDir.toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedKafka(server, bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers);
    }

    static Properties brokerProperties(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        // One node: every internal topic must accept a single replica, or the group coordinator,
        // transactions (exactly-once) and share groups never become available.
        for (String key : new String[] {"offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
                "share.coordinator.state.topic.replication.factor", "share.coordinator.state.topic.min.isr",
                "min.insync.replicas", "default.replication.factor"}) {
            p.put(key, "1");
        }
        p.put("group.initial.rebalance.delay.ms", "0");
        // Broker and controller share one JVM on a small, often busy machine: with the default 9 s a
        // starved controller fences its own broker ("controller event queue overloaded"), and every
        // partition loses its leader until the broker registers again.
        p.put("broker.session.timeout.ms", "60000");
        // The default 50 partitions of the offsets and transaction logs cost seconds of start-up (the
        // first exactly-once producer waits for all of them); one node with one app needs few.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        // transaction.abort.timed.out.transaction.cleanup.interval.ms stays at its 10 s: a killed instance's
        // open transaction is aborted by the app's DeadInstanceFencer, not by the broker's sweep.
        // The topic catalogue is the contract: a typo in a producer must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void formatIfNew(Path dataDir, Properties props) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = Files.createTempFile("foresight-broker", ".properties");
            try {
                try (OutputStream out = Files.newOutputStream(config)) {
                    props.store(out, "embedded broker, used only to format the log directory");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString(), "--ignore-formatted"},
                        new PrintStream(output, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("Formatting " + dataDir + " failed: "
                            + output.toString(StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare broker data directory " + dataDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
