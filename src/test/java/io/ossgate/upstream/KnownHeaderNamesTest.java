package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KnownHeaderNamesTest {

  @Test
  void aNameSpelledExactlyAsKnownIsTheSharedInstance() {
    byte[] line = "xxContent-Length: 5".getBytes(StandardCharsets.US_ASCII);

    AsciiString first = KnownHeaderNames.find(line, 2, "Content-Length".length());
    AsciiString second = KnownHeaderNames.find(line, 2, "Content-Length".length());

    assertThat((Object) first).hasToString("Content-Length");
    assertThat((Object) second).isSameAs(first);
    assertThat((Object) find("x-oss-request-id")).hasToString("x-oss-request-id");
  }

  @Test
  void anyOtherSpellingOrNameIsNotKnown() {
    assertThat((Object) find("content-length")).isNull();
    assertThat((Object) find("Content-Lengthy")).isNull();
    assertThat((Object) find("Content-Lengt")).isNull();
    assertThat((Object) find("X-Custom")).isNull();
    assertThat((Object) find("x-oss-meta-a-very-long-user-metadata-name-longer-than-any-known-one")).isNull();
    assertThat((Object) find("")).isNull();
  }

  private static AsciiString find(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    return KnownHeaderNames.find(bytes, 0, bytes.length);
  }
}
