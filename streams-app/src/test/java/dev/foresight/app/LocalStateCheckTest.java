package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;

/** Damaged RocksDB files of a store: found before start, and their task is wiped. */
class LocalStateCheckTest {

    private static final String APP = "state-check-test";

    @TempDir
    Path stateDir;

    private Path task;

    /**
     * A store laid out as Kafka Streams lays out a timestamped key-value store of task 0_0 (two column
     * families), flushed to SST files and closed.
     */
    @BeforeEach
    void writeAStore() throws Exception {
        task = stateDir.resolve(APP).resolve("0_0");
        Path store = task.resolve("rocksdb").resolve("check-table-store");
        Files.createDirectories(store);
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> families = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                new ColumnFamilyDescriptor("keyValueWithTimestamp".getBytes(StandardCharsets.UTF_8)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            RocksDB db = RocksDB.open(options, store.toString(), families, handles);
            try {
                for (int i = 0; i < 5000; i++) {
                    db.put(handles.get(1), ("key-" + i).getBytes(StandardCharsets.UTF_8),
                            ("value-" + i + "x".repeat(100)).getBytes(StandardCharsets.UTF_8));
                }
                db.flush(flush, handles.get(1));
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
            }
        }
    }

    @Test
    void shouldLeaveHealthyStateAlone() throws IOException {
        List<Path> before = files();
        assertEquals(List.of(), LocalStateCheck.wipeDamagedTasks(stateDir, APP));
        assertEquals(before, files());
    }

    @Test
    void shouldWipeTheTaskOfATruncatedSstFile() throws IOException {
        Path sst = anSst();
        try (RandomAccessFile file = new RandomAccessFile(sst.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        assertEquals(List.of("0_0"), LocalStateCheck.wipeDamagedTasks(stateDir, APP));
        assertFalse(Files.exists(task));
    }

    @Test
    void shouldWipeTheTaskOfABlockWithABadChecksum() throws IOException {
        Path sst = anSst();
        try (RandomAccessFile file = new RandomAccessFile(sst.toFile(), "rw")) {
            file.seek(100);
            byte[] block = new byte[64];
            file.readFully(block);
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) ~block[i];
            }
            file.seek(100);
            file.write(block);
        }
        assertEquals(List.of("0_0"), LocalStateCheck.wipeDamagedTasks(stateDir, APP));
        assertFalse(Files.exists(task));
    }

    private Path anSst() throws IOException {
        try (Stream<Path> files = Files.walk(task)) {
            Path sst = files.filter(f -> f.toString().endsWith(".sst")).findFirst().orElseThrow();
            assertTrue(Files.size(sst) > 1000, "an SST with data blocks");
            return sst;
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(task)) {
            return files.sorted().toList();
        }
    }
}
