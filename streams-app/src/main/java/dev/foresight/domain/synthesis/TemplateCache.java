package dev.foresight.domain.synthesis;

import dev.foresight.schema.state.PipelineTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live templates as the synthesizer sees them: read from the global template store, parsed once per
 * template text. A template that does not parse is treated as absent (and logged once per text), so a
 * bad edit on the topic stops that stage type, not the pipeline.
 */
public final class TemplateCache {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCache.class);

    private final Function<String, PipelineTemplate> store;
    private final Map<String, Optional<StageTemplate>> parsed = new HashMap<>();

    public TemplateCache(Function<String, PipelineTemplate> store) {
        this.store = store;
    }

    public Optional<StageTemplate> get(String id) {
        PipelineTemplate record = store.apply(id);
        if (record == null) {
            return Optional.empty();
        }
        return parsed.computeIfAbsent(record.getYaml(), yaml -> {
            try {
                return Optional.of(StageTemplate.parse(yaml));
            } catch (InvalidTemplateException e) {
                LOG.warn("Template {} version {} is not used: {}", id, record.getVersion(), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
