package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiBuildsReaderTest {

    @TempDir
    Path directory;

    @Test
    void shouldTurnTheLabelIntoSuccessAndNumericColumnsIntoFeatures() throws IOException {
        Path file = TraceFiles.write(directory, "rails_rails_data.csv", "build_failed,gh_team_size,branch,proj_fail_rate",
                "1,229,master,0.25", "0,228,\"feature, x\",0.2");

        List<PipelineEvent> events = TraceFiles.replay("ci-builds", file, Topics.PIPELINES);

        BuildFinished first = (BuildFinished) events.get(0).getPayload();
        assertEquals("rails_rails", events.get(0).getServiceId());
        assertEquals("rails_rails-1", first.getBuildId());
        assertEquals(false, first.getSucceeded());
        assertEquals(Map.of("gh_team_size", 229.0, "proj_fail_rate", 0.25), first.getFeatures());
        assertEquals(true, ((BuildFinished) events.get(1).getPayload()).getSucceeded());
    }

    @Test
    void shouldSpreadBuildsOfTheSameStartHourAMinuteApart() throws IOException {
        Path file = TraceFiles.write(directory, "p_data.csv",
                "build_failed,year_of_start,month_of_start,day_of_start,hour_of_start",
                "0,2011,12,21,22", "0,2011,12,21,22", "1,2011,12,22,6");

        List<Instant> times = TraceFiles.replay("ci-builds", file, Topics.PIPELINES).stream()
                .map(PipelineEvent::getTimestamp).toList();

        Instant hour = Instant.parse("2011-12-21T22:00:00Z");
        assertEquals(List.of(hour, hour.plus(Duration.ofMinutes(1)), Instant.parse("2011-12-22T06:00:00Z")), times);
    }

    @Test
    void shouldSynthesiseTimesInRowOrderWhenTheFileHasNone() throws IOException {
        Path file = TraceFiles.write(directory, "p_data.csv", "build_failed,churn", "0,3", "1,8", "0,1");

        List<Instant> times = TraceFiles.replay("ci-builds", file, Topics.PIPELINES).stream()
                .map(PipelineEvent::getTimestamp).toList();

        Instant start = Instant.ofEpochMilli(CiBuildsReader.SYNTHETIC_START_MS);
        assertEquals(List.of(start, start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20))), times);
    }
}
