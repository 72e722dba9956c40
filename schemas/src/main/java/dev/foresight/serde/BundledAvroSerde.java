package dev.foresight.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Confluent wire format (0x00, 4-byte schema id, Avro binary) against {@link BundledSchemas}, with no
 * per-record schema work: a schema's id (a fingerprint over its rendered parsing form) and its writer are
 * computed once per record class, a reader once per writer id, and encoders and decoders are reused per
 * thread. Resolving the schema on every record cost two thirds of the stream thread's CPU.
 */
final class BundledAvroSerde {

    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private record Writer(byte[] header, SpecificDatumWriter<SpecificRecord> datumWriter) {
    }

    private static final Map<Class<?>, Writer> WRITERS = new ConcurrentHashMap<>();
    private static final Map<Integer, SpecificDatumReader<SpecificRecord>> READERS = new ConcurrentHashMap<>();
    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(512));
    private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private BundledAvroSerde() {
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> Serde<T> create() {
        Serializer<T> serializer = (topic, value) -> value == null ? null : serialize(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : (T) deserialize(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] serialize(SpecificRecord value) {
        Writer writer = WRITERS.computeIfAbsent(value.getClass(), type -> writerFor(value.getSchema()));
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        out.writeBytes(writer.header());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, ENCODER.get());
        ENCODER.set(encoder);
        try {
            writer.datumWriter().write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + value.getSchema().getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static SpecificRecord deserialize(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != MAGIC) {
            throw new SerializationException("not the Confluent wire format (magic byte 0, 4-byte schema id, Avro)");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<SpecificRecord> reader = READERS.computeIfAbsent(id, BundledAvroSerde::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, DECODER.get());
        DECODER.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read a record with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    private static Writer writerFor(Schema schema) {
        int id = BundledSchemas.idOf(schema);
        if (BundledSchemas.instance().byId(id).isEmpty()) {
            throw new SerializationException("schema " + schema.getFullName() + " is not bundled in schemas/");
        }
        byte[] header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(id).array();
        return new Writer(header, new SpecificDatumWriter<>(schema));
    }

    /** Reads what was written with bundled schema {@code id} into the current generated class of that name. */
    private static SpecificDatumReader<SpecificRecord> readerFor(int id) {
        Schema written = BundledSchemas.instance().byId(id)
                .orElseThrow(() -> new SerializationException("unknown schema id " + id));
        Class<?> type = SpecificData.get().getClass(written);
        if (type == null) {
            throw new SerializationException("no generated class for " + written.getFullName());
        }
        try {
            return new SpecificDatumReader<>(written, SpecificData.get().getSchema(type));
        } catch (AvroRuntimeException e) {
            throw new SerializationException("cannot read " + written.getFullName() + ": " + e.getMessage(), e);
        }
    }
}
