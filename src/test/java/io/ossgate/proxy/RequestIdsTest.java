package io.ossgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void idsAre24UpperHexCharactersWithOnePrefixAndACounter() {
    RequestIds ids = new RequestIds();
    String first = ids.next();
    String second = ids.next();

    assertThat(first).matches("[0-9A-F]{24}");
    assertThat(second).matches("[0-9A-F]{24}");
    assertThat(first.substring(0, 8)).isEqualTo(second.substring(0, 8));
    assertThat(first.substring(8)).isEqualTo("0000000000000001");
    assertThat(second.substring(8)).isEqualTo("0000000000000002");
    for (int i = 3; i <= 300; i++) {
      second = ids.next();
    }
    assertThat(second.substring(8)).isEqualTo("000000000000012C");

    long taken = ids.take();
    ids.next();
    assertThat(ids.format(taken)).as("a number taken earlier formats as the id it stood for")
        .isEqualTo(first.substring(0, 8) + "000000000000012D");
  }

  @Test
  void instancesDrawDifferentPrefixes() {
    // 32 random bits each: the same prefix twice in a row would be a 1-in-4-billion event.
    assertThat(new RequestIds().next().substring(0, 8)).isNotEqualTo(new RequestIds().next().substring(0, 8));
  }
}
