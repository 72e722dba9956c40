package dev.foresight.app;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the open transaction of an instance that died, as soon as the group has dropped it, instead of
 * waiting for the broker to time the transaction out.
 *
 * <p>Why: under exactly-once every stream thread writes in a transaction. A killed instance leaves one
 * open, and until it ends no read_committed consumer reads past it: the survivor that takes the dead
 * member's tasks cannot restore their changelogs or read their repartition topics. The broker aborts it
 * only after {@code transaction.timeout.ms} and its next abort sweep (10 s by default), which made
 * failover take 30 s. Initializing a producer with the dead thread's {@code transactional.id} is Kafka's
 * own zombie fencing: the coordinator aborts the open transaction and bumps the epoch at once.
 *
 * <p>Which ids: Kafka Streams names a thread's transactional id {@code <application.id>-<processId>-<n>}
 * and its consumer {@code <application.id>-<processId>-StreamThread-<n>-consumer}. A transaction of this
 * application, open for longer than a member could have been out of the group and still alive, whose
 * process id no member of the group has, belongs to a dead instance. When a member's client id does not
 * name a process id (a {@code client.id} set by hand), liveness cannot be told and nothing is fenced.
 * Fencing a live instance by mistake would cost it a rebalance (its commit fails as fenced and it
 * rejoins), never data.
 */
final class DeadInstanceFencer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadInstanceFencer.class);
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Duration PERIOD = Duration.ofSeconds(1);

    /** Owned: closed with the fencer. */
    private final Admin admin;
    private final String applicationId;
    private final Duration minimumAge;
    private final Function<String, Producer<byte[], byte[]>> producers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "foresight-dead-instance-fencer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param minimumAge how long a transaction must have been open: longer than the group's session timeout,
     *                   since a member is dropped only after that
     * @param producers  a producer for a transactional id, configured for the cluster
     */
    DeadInstanceFencer(Admin admin, String applicationId, Duration minimumAge,
                       Function<String, Producer<byte[], byte[]>> producers) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.minimumAge = minimumAge;
        this.producers = producers;
    }

    /** A producer factory with the app's client settings (bootstrap servers, security) and the given id. */
    static Function<String, Producer<byte[], byte[]>> producers(Map<String, ?> clientConfig) {
        return transactionalId -> {
            Properties props = new Properties();
            props.putAll(clientConfig);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "foresight-fencer-" + transactionalId);
            return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        };
    }

    void start() {
        timer.scheduleWithFixedDelay(this::fenceQuietly, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fenceQuietly() {
        try {
            fenceDeadInstances();
        } catch (UnsupportedVersionException e) {
            LOG.warn("This cluster cannot list transactions by age (Kafka 3.8+): a dead instance's open transaction "
                    + "ends only at transaction.timeout.ms, so failover waits for it");
            timer.shutdown();
        } catch (ExecutionException e) {
            LOG.debug("Looking for dead instances' transactions failed; trying again in {}", PERIOD, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Looking for dead instances' transactions failed; trying again in {}", PERIOD, e);
        }
    }

    /** One round: the transactions to fence, and fencing each. */
    void fenceDeadInstances() throws ExecutionException, InterruptedException {
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return;
            }
            throw e;
        }
        if (group == null || group.members().isEmpty()) {
            return;
        }
        Collection<TransactionListing> open = admin.listTransactions(new ListTransactionsOptions()
                .filterStates(List.of(TransactionState.ONGOING)).filterOnDuration(minimumAge.toMillis())).all().get();
        Set<String> dead = deadTransactionalIds(applicationId,
                group.members().stream().map(MemberDescription::clientId).toList(),
                open.stream().map(TransactionListing::transactionalId).toList());
        for (String transactionalId : dead) {
            try (Producer<byte[], byte[]> producer = producers.apply(transactionalId)) {
                producer.initTransactions();
            }
            LOG.info("Aborted the open transaction of {}: its instance has left the group, so read_committed "
                    + "readers of the partitions it wrote could not move on", transactionalId);
        }
    }

    /**
     * The transactional ids of this application whose process is in no member's client id; none when some
     * member's client id names no process.
     */
    static Set<String> deadTransactionalIds(String applicationId, Collection<String> memberClientIds,
                                            Collection<String> openTransactionalIds) {
        String app = Pattern.quote(applicationId);
        Pattern member = Pattern.compile("^" + app + "-(" + UUID + ")-StreamThread-\\d+-(?:consumer|restore-consumer)$");
        Pattern transaction = Pattern.compile("^" + app + "-(" + UUID + ")-\\d+$");
        if (!memberClientIds.stream().allMatch(id -> member.matcher(id).matches())) {
            return Set.of();
        }
        Set<String> live = memberClientIds.stream().map(member::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).collect(Collectors.toSet());
        return openTransactionalIds.stream().filter(id -> {
            Matcher m = transaction.matcher(id);
            return m.matches() && !live.contains(m.group(1));
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
