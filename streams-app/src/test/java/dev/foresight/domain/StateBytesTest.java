package dev.foresight.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateBytesTest {

    private static void mixed(DataOutput out) throws IOException {
        out.writeInt(7);
        out.writeBoolean(true);
        for (int i = 0; i < 1_000; i++) {
            out.writeDouble(i / 3.0);
            out.writeFloat(-i);
        }
        out.writeLong(Long.MIN_VALUE);
        out.writeShort(-2);
        out.writeChar('x');
        out.write(new byte[] {1, 2, 3}, 1, 2);
        out.writeByte(255);
    }

    @Test
    void shouldWriteExactlyTheBytesOfADataOutputStreamGrowingPastItsGuess() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            mixed(out);
        }
        assertArrayEquals(expected.toByteArray(), StateBytes.encode(16, StateBytesTest::mixed));
    }

    @Test
    void shouldRefuseTextSinceNoStateHoldsAny() {
        assertThrows(UnsupportedOperationException.class, () -> StateBytes.encode(16, out -> out.writeUTF("x")));
    }
}
