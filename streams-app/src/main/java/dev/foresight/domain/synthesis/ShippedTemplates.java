package dev.foresight.domain.synthesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template files kept in the repository ({@code pipeline-templates/}), which seed the template topic. */
public final class ShippedTemplates {

    static final List<String> FILES = List.of("base", "scaling", "test-extended", "test-shards", "deployment-canary",
            "dependency-update", "feature-release");

    private ShippedTemplates() {
    }

    /** Each shipped template's YAML text by template id, checked. */
    public static Map<String, String> yamlById() {
        Map<String, String> byId = new LinkedHashMap<>();
        FILES.forEach(file -> {
            String yaml = read("/pipeline-templates/" + file + ".yaml");
            byId.put(StageTemplate.parse(yaml).id(), yaml);
        });
        return byId;
    }

    /** The shipped templates parsed, by id. */
    public static Map<String, StageTemplate> parsed() {
        Map<String, StageTemplate> byId = new LinkedHashMap<>();
        yamlById().forEach((id, yaml) -> byId.put(id, StageTemplate.parse(yaml)));
        return byId;
    }

    private static String read(String resource) {
        try (InputStream in = ShippedTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
