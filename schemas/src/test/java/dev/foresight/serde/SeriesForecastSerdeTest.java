package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.commands.ForecastNeed;
import dev.foresight.schema.commands.ForecastPoint;
import dev.foresight.schema.commands.NeedKind;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SeriesForecastSerdeTest {

    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

    private final Serde<SeriesForecast> serde = AvroSerdes.bundled().valueSerde();

    private static SeriesForecast forecast(ForecastNeed need) {
        return SeriesForecast.newBuilder().setServiceId("checkout").setMetric("request-rate").setIssuedAt(AT)
                .setStepMs(60_000).setModel("holt").setRecentError(4.5)
                .setPoints(List.of(new ForecastPoint(1, AT, 120.0, 100.0, 140.0)))
                .setNeed(need).build();
    }

    @Test
    void shouldRoundTripAForecastWithItsNeedOnItsTopic() {
        SeriesForecast sent = forecast(new ForecastNeed(NeedKind.SCALING, 3.0, 2.0, 4.0, "120 req/s at 50 per instance"));
        String topic = Topics.SERIES_FORECASTS.name();

        SeriesForecast read = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, sent));

        assertEquals(sent, read);
        assertEquals(NeedKind.SCALING, read.getNeed().getKind());
    }

    @Test
    void shouldRoundTripAForecastThatImpliesNoNeed() {
        String topic = Topics.SERIES_FORECASTS.name();

        SeriesForecast read = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, forecast(null)));

        assertNull(read.getNeed());
        assertEquals(140.0, read.getPoints().get(0).getUpper());
    }
}
