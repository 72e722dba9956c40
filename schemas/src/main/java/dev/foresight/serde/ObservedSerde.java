package dev.foresight.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A serde that tells a {@link RecordObserver} about every non-null record it handles. */
final class ObservedSerde {

    private ObservedSerde() {
    }

    static <T extends SpecificRecord> Serde<T> of(Serde<T> inner, RecordObserver observer) {
        return Serdes.serdeFrom(new Writing<>(inner.serializer(), observer), new Reading<>(inner.deserializer(), observer));
    }

    private record Writing<T extends SpecificRecord>(Serializer<T> inner, RecordObserver observer)
            implements Serializer<T> {

        @Override
        public byte[] serialize(String topic, T data) {
            if (data != null) {
                observer.written(topic, data);
            }
            return inner.serialize(topic, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, T data) {
            if (data != null) {
                observer.written(topic, data);
            }
            return inner.serialize(topic, headers, data);
        }
    }

    private record Reading<T extends SpecificRecord>(Deserializer<T> inner, RecordObserver observer)
            implements Deserializer<T> {

        @Override
        public T deserialize(String topic, byte[] data) {
            return observed(topic, inner.deserialize(topic, data));
        }

        @Override
        public T deserialize(String topic, Headers headers, byte[] data) {
            return observed(topic, inner.deserialize(topic, headers, data));
        }

        private T observed(String topic, T value) {
            if (value != null) {
                observer.read(topic, value);
            }
            return value;
        }
    }
}
