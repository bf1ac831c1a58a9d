package io.ossgate.upstream;

import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * The response header names OSS and common origins send on (nearly) every response, spelled as
 * they send them. Decoding a response head returns these shared, immutable names instead of
 * copying each name out of the wire (a third of the header bytes a small response allocated).
 * Only an exact byte match is shared, so every name still reaches the client spelled as the origin
 * spelled it.
 */
final class KnownHeaderNames {

  private static final String[] NAMES = {
      "Accept-Ranges", "Access-Control-Allow-Origin", "Age", "Cache-Control", "Connection",
      "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5",
      "Content-Range", "Content-Type", "Date", "ETag", "Expires", "Keep-Alive", "Last-Modified",
      "Server", "Transfer-Encoding", "Vary",
      "x-oss-hash-crc64ecma", "x-oss-object-type", "x-oss-request-id", "x-oss-server-time",
      "x-oss-storage-class", "x-oss-server-side-encryption", "x-oss-version-id", "x-oss-tagging-count",
      "x-oss-force-download", "x-oss-ec",
  };

  /** The names by length: a decoded name is compared only with names as long as it. */
  private static final AsciiString[][] BY_LENGTH = byLength();

  private KnownHeaderNames() {}

  /** The known name spelled exactly as {@code line[start, start + length)}, or null. */
  static AsciiString find(byte[] line, int start, int length) {
    if (length >= BY_LENGTH.length) {
      return null;
    }
    for (AsciiString name : BY_LENGTH[length]) {
      if (sameBytes(name, line, start, length)) {
        return name;
      }
    }
    return null;
  }

  private static boolean sameBytes(AsciiString name, byte[] line, int start, int length) {
    byte[] bytes = name.array();
    int offset = name.arrayOffset();
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[offset + i] != line[start + i]) {
        return false;
      }
    }
    return true;
  }

  private static AsciiString[][] byLength() {
    int longest = 0;
    for (String name : NAMES) {
      longest = Math.max(longest, name.length());
    }
    List<List<AsciiString>> buckets = new ArrayList<>();
    for (int i = 0; i <= longest; i++) {
      buckets.add(new ArrayList<>());
    }
    for (String name : NAMES) {
      buckets.get(name.length()).add(AsciiString.cached(name));
    }
    AsciiString[][] byLength = new AsciiString[longest + 1][];
    for (int i = 0; i <= longest; i++) {
      byLength[i] = buckets.get(i).toArray(new AsciiString[0]);
    }
    return byLength;
  }
}
