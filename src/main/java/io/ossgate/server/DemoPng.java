package io.ossgate.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Draws the demo's logo and encodes it as a PNG (8-bit RGB, no interlace) with only
 * {@code java.util.zip}: no AWT, so it works the same headless, in a slim JRE and in a container.
 */
final class DemoPng {
  private DemoPng() {}

  /** A {@code size}×{@code size} logo: a ring over a diagonal gradient. Deterministic. */
  static byte[] logo(int size) {
    if (size < 1 || size > 4096) {
      throw new IllegalArgumentException("size: " + size + " (expected: 1..4096)");
    }
    byte[] raw = new byte[size * (1 + 3 * size)];
    double centre = (size - 1) / 2.0;
    double outer = size * 0.42;
    double inner = size * 0.28;
    int i = 0;
    for (int y = 0; y < size; y++) {
      raw[i++] = 0; // filter type None for every scanline
      for (int x = 0; x < size; x++) {
        double d = Math.hypot(x - centre, y - centre);
        int r;
        int g;
        int b;
        if (d <= outer && d >= inner) {
          r = 255;
          g = 106;
          b = 0; // the ring: OSS orange
        } else {
          int t = (x + y) * 255 / Math.max(1, 2 * (size - 1));
          r = 20 + t / 6;
          g = 40 + t / 4;
          b = 90 + t / 2;
        }
        raw[i++] = (byte) r;
        raw[i++] = (byte) g;
        raw[i++] = (byte) b;
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    byte[] header = new byte[13];
    putInt(header, 0, size);
    putInt(header, 4, size);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: truecolour RGB
    // compression, filter and interlace methods stay 0
    chunk(png, "IHDR", header);
    chunk(png, "IDAT", deflate(raw));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("in-memory deflate failed", e); // cannot happen
    }
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    png.writeBytes(length);
    png.writeBytes(typeBytes);
    png.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    png.writeBytes(sum);
  }

  private static void putInt(byte[] target, int at, int value) {
    target[at] = (byte) (value >>> 24);
    target[at + 1] = (byte) (value >>> 16);
    target[at + 2] = (byte) (value >>> 8);
    target[at + 3] = (byte) value;
  }
}
