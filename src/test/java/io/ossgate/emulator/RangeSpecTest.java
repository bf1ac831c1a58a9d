package io.ossgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class RangeSpecTest {

  @Test
  void followsOssDefaultAndStandardBehaviour() {
    assertThat(RangeSpec.parse("bytes=0-9", 1000, false)).isEqualTo(new RangeSpec(RangeSpec.Kind.PARTIAL, 0, 9));
    assertThat(RangeSpec.parse("bytes=-10", 1000, false)).isEqualTo(new RangeSpec(RangeSpec.Kind.PARTIAL, 990, 999));
    assertThat(RangeSpec.parse("bytes=990-", 1000, false)).isEqualTo(new RangeSpec(RangeSpec.Kind.PARTIAL, 990, 999));
    assertThat(RangeSpec.parse("bytes=500-2000", 1000, false)).isEqualTo(RangeSpec.FULL);
    assertThat(RangeSpec.parse("bytes=500-2000", 1000, true)).isEqualTo(new RangeSpec(RangeSpec.Kind.PARTIAL, 500, 999));
    assertThat(RangeSpec.parse("bytes=1000-", 1000, false)).isEqualTo(RangeSpec.FULL);
    assertThat(RangeSpec.parse("bytes=1000-", 1000, true)).isEqualTo(RangeSpec.UNSATISFIABLE);
    assertThat(RangeSpec.parse("bytes=9-1", 1000, true)).isEqualTo(RangeSpec.FULL);
    assertThat(RangeSpec.parse("bytes=0-1,4-5", 1000, true)).isEqualTo(RangeSpec.FULL);
    assertThat(RangeSpec.parse("items=0-1", 1000, true)).isEqualTo(RangeSpec.FULL);
    assertThat(RangeSpec.parse("bytes=-0", 1000, true)).isEqualTo(RangeSpec.UNSATISFIABLE);
    assertThat(RangeSpec.parse(null, 1000, true)).isEqualTo(RangeSpec.FULL);
  }
}
