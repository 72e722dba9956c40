package dev.foresight.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Makes a Streams application start over, like Kafka's {@code kafka-streams-application-reset} does:
 * without committed offsets it reads its inputs from the beginning, and without its internal topics
 * and local state it rebuilds every store from those inputs.
 */
final class ApplicationReset {

    private final Admin admin;
    private final String applicationId;
    private final Set<String> internalTopics;

    /**
     * @param internalTopics the changelog and repartition topics of the app's topology, prefixed with the
     *                       application id: a name prefix alone would also match another app's topics, or
     *                       topics an operator created next to the app's
     */
    ApplicationReset(Admin admin, String applicationId, Set<String> internalTopics) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.internalTopics = Set.copyOf(internalTopics);
    }

    /**
     * Deletes the consumer group. Fails with {@code GroupNotEmptyException} as the cause while an
     * instance of the app is still running, which is the guard against resetting a live app.
     */
    void deleteOffsets() throws InterruptedException, ExecutionException {
        try {
            admin.deleteConsumerGroups(List.of(applicationId)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Deletes those of the topology's changelog and repartition topics that exist and returns their names. */
    List<String> deleteInternalTopics() throws InterruptedException, ExecutionException {
        return deleteExisting(internalTopics);
    }

    /** Deletes those of {@code topics} that exist and returns their names. */
    List<String> deleteExisting(Collection<String> topics) throws InterruptedException, ExecutionException {
        List<String> existing = admin.listTopics().names().get().stream().filter(topics::contains).sorted().toList();
        admin.deleteTopics(existing).all().get();
        return existing;
    }

    /** Deletes {@code stateDir/applicationId}, where Streams keeps this app's stores and checkpoints. */
    boolean deleteLocalState(Path stateDir) {
        Path appState = stateDir.resolve(applicationId);
        if (!Files.exists(appState)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(appState)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete local state " + appState, e);
        }
    }
}
