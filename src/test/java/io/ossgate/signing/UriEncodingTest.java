package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UriEncodingTest {

  @Test
  void encodesEverythingButUnreserved() {
    assertThat(UriEncoding.encode("aZ09-._~")).isEqualTo("aZ09-._~");
    assertThat(UriEncoding.encode("a b+c/d|*")).isEqualTo("a%20b%2Bc%2Fd%7C%2A");
    assertThat(UriEncoding.encodePath("/dir/ü é")).isEqualTo("/dir/%C3%BC%20%C3%A9");
  }

  @Test
  void decodesPathAndQueryDifferently() {
    assertThat(UriEncoding.decodePath("/key%2B123+x")).isEqualTo("/key+123+x");
    assertThat(UriEncoding.decodeQuery("a+b%2Bc%e2%82%ac")).isEqualTo("a b+c€");
    assertThat(UriEncoding.decodeQuery("100%")).isEqualTo("100%");
  }

  @Test
  void parsesAndRendersQueries() {
    List<QueryParam> q = QueryStrings.parse("acl&x=&%2Bp=v%201&&y=a=b");
    assertThat(q).containsExactly(QueryParam.flag("acl"), QueryParam.of("x", ""),
        QueryParam.of("+p", "v 1"), QueryParam.of("y", "a=b"));
    assertThat(QueryStrings.render(q)).isEqualTo("acl&x=&%2Bp=v%201&y=a%3Db");
    assertThat(QueryStrings.parse(null)).isEmpty();
  }
}
