package dev.foresight.deadletter;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.topics.Topic;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Splits checked records: dead letters go to the dead-letter topic, valid values go on. Processors are
 * named {@code <prefix>-<rejected>}, {@code <prefix>-dead-letter}, {@code <prefix>-dead-letter-sink},
 * {@code <prefix>-<accepted>} and {@code <prefix>-event}.
 */
public final class DeadLetterSplit {

    private final Topic<String, DeadLetter> deadLetters;

    public DeadLetterSplit(Topic<String, DeadLetter> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param rejected name of the branch of dead letters, e.g. {@code rejected}, {@code late}
     * @param accepted name of the branch of valid values, e.g. {@code accepted}, {@code in-time}
     */
    public <V> KStream<String, V> valid(KStream<String, Checked<V>> checked, String prefix, String rejected,
                                        String accepted) {
        checked.filterNot((key, c) -> c.isValid(), Named.as(prefix + "-" + rejected))
                .mapValues(Checked::deadLetter, Named.as(prefix + "-dead-letter"))
                .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
                        .withName(prefix + "-dead-letter-sink"));
        return checked.filter((key, c) -> c.isValid(), Named.as(prefix + "-" + accepted))
                .mapValues(Checked::value, Named.as(prefix + "-event"));
    }
}
