package dev.foresight.app;

import dev.foresight.domain.synthesis.ShippedTemplates;
import dev.foresight.domain.synthesis.StageTemplate;
import dev.foresight.producers.EventSink;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Seeds the live template topic with the templates kept in the repository, once: a topic that already
 * holds templates is the catalogue (operators may have edited it), so it is left as it is.
 */
final class TemplateSeed {

    private TemplateSeed() {
    }

    /** @return how many templates were published (0 when the topic already had some) */
    static int seedIfEmpty(Cluster kafka, TopicAdmin topics, Clock clock) throws InterruptedException,
            ExecutionException {
        if (topics.latestTimestamp(List.of(Topics.PIPELINE_TEMPLATES)).isPresent()) {
            return 0;
        }
        Map<String, String> shipped = ShippedTemplates.yamlById();
        try (EventSink sink = KafkaEventSink.connect(kafka.clientConfig(), kafka.serdes())) {
            long now = clock.millis();
            shipped.forEach((id, yaml) -> sink.send(Topics.PIPELINE_TEMPLATES, id,
                    new PipelineTemplate(id, StageTemplate.parse(yaml).version(), yaml), now));
            sink.flush();
        }
        return shipped.size();
    }
}
