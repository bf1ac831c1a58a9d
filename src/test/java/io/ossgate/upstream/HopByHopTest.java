package io.ossgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class HopByHopTest {

  @Test
  void connectionListIsMatchedByWholeNameIgnoringCaseAndBlanks() {
    assertThat(HopByHop.listedIn("close, X-Foo", "x-foo")).isTrue();
    assertThat(HopByHop.listedIn(" X-Foo ,\tx-bar\t", "X-BAR")).isTrue();
    assertThat(HopByHop.listedIn("keep-alive", "keep-alive")).isTrue();
    assertThat(HopByHop.listedIn("X-Foobar", "x-foo")).isFalse();
    assertThat(HopByHop.listedIn("X-Fo", "x-foo")).isFalse();
    assertThat(HopByHop.listedIn(",,", "x-foo")).isFalse();
    assertThat(HopByHop.listedIn("", "x-foo")).isFalse();
  }

  @Test
  void copiesEndToEndHeadersWithRepeatsAndDropsHopByHopAndListedOnes() {
    MultiMap from = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "keep-alive, X-Hop")
        .add("connection", "X-Second")
        .add("Keep-Alive", "timeout=5")
        .add("Transfer-Encoding", "chunked")
        .add("TE", "trailers")
        .add("x-hop", "1")
        .add("X-Second", "2")
        .add("x-oss-meta-a", "1")
        .add("x-oss-meta-a", "2")
        .add("Host", "skipped.example")
        .add("Content-Type", "text/plain");
    MultiMap to = MultiMap.caseInsensitiveMultiMap();

    HopByHop.copyEndToEnd(from, to, "host");

    assertThat(to.names()).containsExactlyInAnyOrder("x-oss-meta-a", "Content-Type");
    assertThat(to.getAll("x-oss-meta-a")).containsExactly("1", "2");
  }

  @Test
  void withoutConnectionHeaderOnlyTheStandardNamesAreDropped() {
    MultiMap from = MultiMap.caseInsensitiveMultiMap()
        .add("Proxy-Authorization", "Basic x")
        .add("Upgrade", "h2c")
        .add("Trailer", "x")
        .add("Authorization", "OSS a:b");
    MultiMap to = MultiMap.caseInsensitiveMultiMap();

    HopByHop.copyEndToEnd(from, to);

    assertThat(to.names()).containsExactly("Authorization");
  }
}
