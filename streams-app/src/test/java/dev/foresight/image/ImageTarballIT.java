package dev.foresight.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tarball Jib wrote in {@code package} under the {@code image} profile: its config starts the CLI with
 * a capped heap and {@code run} by default, as an unprivileged user who can write the state volume.
 */
class ImageTarballIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOLUME = "/var/lib/foresight/data";

    private static Map<String, byte[]> image;
    private static JsonNode config;

    @BeforeAll
    static void readImage() throws IOException {
        Path tarball = Path.of(System.getProperty("image.tar", "target/foresight-image.tar"));
        assertTrue(Files.isRegularFile(tarball), "no image tarball at " + tarball + "; build with -Pimage");
        try (InputStream in = Files.newInputStream(tarball)) {
            image = Tar.read(in, name -> name.endsWith(".json") || name.endsWith(".tar.gz"));
        }
        JsonNode manifest = JSON.readTree(image.get("manifest.json")).get(0);
        config = JSON.readTree(image.get(manifest.get("Config").asText())).get("config");
    }

    @Test
    void shouldStartTheCliWithACappedHeapAndRunByDefault() {
        List<String> entrypoint = JSON.convertValue(config.get("Entrypoint"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));

        assertEquals("java", entrypoint.get(0), entrypoint.toString());
        assertTrue(entrypoint.contains("-Xmx1g"), entrypoint.toString());
        assertEquals("dev.foresight.app.ForesightCli", entrypoint.get(entrypoint.size() - 1));
        assertEquals("[\"run\"]", config.get("Cmd").toString());
    }

    @Test
    void shouldRunAsAnUnprivilegedUserWhoCanWriteTheStateVolume() throws IOException {
        JsonNode manifest = JSON.readTree(image.get("manifest.json")).get(0);
        JsonNode layers = manifest.get("Layers");
        Map<String, Integer> modes;
        try (InputStream layer = new GZIPInputStream(new ByteArrayInputStream(
                image.get(layers.get(layers.size() - 1).asText())))) {
            modes = Tar.modes(layer);
        }

        assertEquals("1000:1000", config.get("User").asText());
        assertTrue(config.get("Volumes").has(VOLUME), config.toString());
        assertTrue(config.get("ExposedPorts").has("8080/tcp"), config.toString());
        assertEquals(0777, modes.get(VOLUME.substring(1) + "/") & 0777, "the volume's directory in " + modes);
    }

    /** Just enough of ustar to read an image tarball: names, modes, sizes, contents. */
    private static final class Tar {

        private static final int BLOCK = 512;

        /** The contents of the entries whose names {@code wanted} accepts. */
        static Map<String, byte[]> read(InputStream in, Predicate<String> wanted) throws IOException {
            Map<String, byte[]> entries = new HashMap<>();
            each(in, (name, mode, data) -> {
                if (wanted.test(name)) {
                    entries.put(name, data.get());
                }
            });
            return entries;
        }

        /** The mode of every entry, by its name without a leading {@code ./}. */
        static Map<String, Integer> modes(InputStream in) throws IOException {
            Map<String, Integer> modes = new HashMap<>();
            each(in, (name, mode, data) -> modes.put(name.startsWith("./") ? name.substring(2) : name, mode));
            return modes;
        }

        interface Entry {
            void accept(String name, int mode, Contents data) throws IOException;
        }

        interface Contents {
            byte[] get() throws IOException;
        }

        private static void each(InputStream in, Entry entry) throws IOException {
            for (byte[] header = in.readNBytes(BLOCK); header.length == BLOCK && header[0] != 0;
                 header = in.readNBytes(BLOCK)) {
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                long[] read = {0};
                entry.accept(text(header, 0, 100), Integer.parseInt(text(header, 100, 8).trim(), 8), () -> {
                    read[0] = size;
                    return in.readNBytes((int) size);
                });
                in.skipNBytes((size + BLOCK - 1) / BLOCK * BLOCK - read[0]);
            }
        }

        private static String text(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
        }
    }
}
