package dev.foresight.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the local RocksDB stores before Kafka Streams opens them. A store that cannot be opened (a
 * truncated SST file: "Sst file size mismatch") or fails its block checksums would fail its task on every
 * start; its task's directory is wiped instead, with one log line, and Kafka Streams rebuilds that task
 * from its changelog. Opened read-only, so a healthy store is left exactly as it was.
 */
final class LocalStateCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStateCheck.class);

    private LocalStateCheck() {
    }

    /** @return the task directories that were wiped */
    static List<String> wipeDamagedTasks(Path stateDir, String applicationId) {
        Path appDir = stateDir.resolve(applicationId);
        if (!Files.isDirectory(appDir)) {
            return List.of();
        }
        RocksDB.loadLibrary();
        List<String> wiped = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(appDir, Files::isDirectory)) {
            for (Path task : tasks) {
                Optional<String> damage = firstDamage(task);
                if (damage.isPresent()) {
                    LOG.warn("Local state of task {} is damaged ({}); wiped it, Kafka Streams restores it from its "
                            + "changelog", task.getFileName(), damage.get());
                    delete(task);
                    wiped.add(task.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the local state in " + appDir, e);
        }
        return wiped;
    }

    /** Every RocksDB instance of the task (one per key-value store, one per segment of a window store). */
    private static Optional<String> firstDamage(Path task) throws IOException {
        List<Path> databases;
        try (Stream<Path> files = Files.walk(task)) {
            databases = files.filter(f -> f.getFileName().toString().equals("CURRENT")).map(Path::getParent).toList();
        }
        return databases.stream().map(LocalStateCheck::damage).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> damage(Path database) {
        String path = database.toString();
        try (Options options = new Options(); DBOptions dbOptions = new DBOptions()) {
            List<ColumnFamilyDescriptor> families = RocksDB.listColumnFamilies(options, path).stream()
                    .map(ColumnFamilyDescriptor::new).toList();
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.openReadOnly(dbOptions, path, families, handles);
            try {
                db.verifyChecksum();
                return Optional.empty();
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
            }
        } catch (RocksDBException e) {
            return Optional.of(database.getFileName() + ": " + e.getMessage());
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
