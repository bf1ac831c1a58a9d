package io.ossgate.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class Crc64EcmaTest {

  private static final byte[] DATA = random(100_003);

  @Test
  void hasTheCrc64XzCheckValue() {
    long crc = Crc64Ecma.of("123456789".getBytes(StandardCharsets.US_ASCII));

    assertThat(crc).isEqualTo(0x995DC9BBDF1939FAL);
    assertThat(Crc64Ecma.toHeader(crc)).isEqualTo("11051210869376104954");
  }

  @Test
  void emptyInputIsZero() {
    assertThat(Crc64Ecma.of(new byte[0])).isZero();
    assertThat(new Crc64Ecma().value()).isZero();
    assertThat(Crc64Ecma.toHeader(0)).isEqualTo("0");
  }

  @Test
  void agreesWithTheOssSdk() {
    // The SDK that verifies the header has its own CRC-64: the two must agree on arbitrary bytes.
    com.aliyun.oss.common.utils.CRC64 sdk = new com.aliyun.oss.common.utils.CRC64();
    sdk.update(DATA, DATA.length);

    assertThat(Crc64Ecma.of(DATA)).isEqualTo(sdk.getValue());
  }

  @Test
  void piecesOfAnyKindGiveTheWholeValue() {
    long whole = Crc64Ecma.of(DATA);
    int[] cuts = {0, 1, 7, 8_192, 8_193, 30_000, 65_536, DATA.length};

    Crc64Ecma arrays = new Crc64Ecma();
    Crc64Ecma heap = new Crc64Ecma();
    Crc64Ecma direct = new Crc64Ecma();
    Crc64Ecma readOnly = new Crc64Ecma();
    Crc64Ecma sliced = new Crc64Ecma();
    for (int i = 1; i < cuts.length; i++) {
      int from = cuts[i - 1];
      int length = cuts[i] - from;
      arrays.update(DATA, from, length);
      heap.update(ByteBuffer.wrap(DATA, from, length));
      ByteBuffer d = ByteBuffer.allocateDirect(length).put(DATA, from, length).flip();
      direct.update(d);
      assertThat(d.remaining()).as("the buffer is consumed").isZero();
      readOnly.update(ByteBuffer.wrap(DATA, from, length).asReadOnlyBuffer());
      // A slice of a larger array: its bytes start at arrayOffset, not 0.
      sliced.update(ByteBuffer.wrap(DATA).position(from).slice().limit(length));
    }

    assertThat(arrays.value()).isEqualTo(whole);
    assertThat(heap.value()).isEqualTo(whole);
    assertThat(direct.value()).isEqualTo(whole);
    assertThat(readOnly.value()).isEqualTo(whole);
    assertThat(sliced.value()).isEqualTo(whole);
  }

  @Test
  void valueIsFinal() {
    Crc64Ecma crc = new Crc64Ecma().update(DATA);
    long first = crc.value();

    assertThat(crc.value()).isEqualTo(first);
    assertThatThrownBy(() -> crc.update(new byte[1])).isInstanceOf(IllegalStateException.class);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SplittableRandom(4).nextBytes(b);
    return b;
  }
}
