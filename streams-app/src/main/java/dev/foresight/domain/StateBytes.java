package dev.foresight.domain;

import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes a numeric state the way {@link java.io.DataOutputStream} does (big-endian, so states written
 * either way read back alike), into a growable array without its per-value locking: a
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} takes a lock and a bounds check for every
 * double, and writing a series' detector (≈ 50 kB) once a minute was a tenth of the stream thread.
 * Text is not part of any state, so the string methods refuse.
 */
public final class StateBytes implements DataOutput {

    /** What writes a state. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(DataOutput out) throws IOException;
    }

    private ByteBuffer buffer;

    private StateBytes(int expectedBytes) {
        buffer = ByteBuffer.allocate(Math.max(16, expectedBytes));
    }

    /** A state of unknown size: the buffer starts at 4 kB and doubles. */
    public static byte[] encode(Writer writer) {
        return encode(4096, writer);
    }

    /** @param expectedBytes a guess of the size, to allocate once in the common case */
    public static byte[] encode(int expectedBytes, Writer writer) {
        StateBytes out = new StateBytes(expectedBytes);
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(out.buffer.array(), out.buffer.position());
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            int needed = buffer.position() + bytes;
            ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, buffer.capacity() * 2));
            larger.put(buffer.array(), 0, buffer.position());
            buffer = larger;
        }
        return buffer;
    }

    @Override
    public void write(int b) {
        room(1).put((byte) b);
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        room(len).put(b, off, len);
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        room(Short.BYTES).putShort((short) v);
    }

    @Override
    public void writeChar(int v) {
        room(Character.BYTES).putChar((char) v);
    }

    @Override
    public void writeInt(int v) {
        room(Integer.BYTES).putInt(v);
    }

    @Override
    public void writeLong(long v) {
        room(Long.BYTES).putLong(v);
    }

    @Override
    public void writeFloat(float v) {
        room(Float.BYTES).putFloat(v);
    }

    @Override
    public void writeDouble(double v) {
        room(Double.BYTES).putDouble(v);
    }

    @Override
    public void writeBytes(String s) {
        throw new UnsupportedOperationException("states are numeric");
    }

    @Override
    public void writeChars(String s) {
        throw new UnsupportedOperationException("states are numeric");
    }

    @Override
    public void writeUTF(String s) {
        throw new UnsupportedOperationException("states are numeric");
    }
}
