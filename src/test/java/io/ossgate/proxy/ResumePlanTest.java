package io.ossgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** Where a broken download continues, and which continuations may be spliced in. */
class ResumePlanTest {

  private static MultiMap headers(String... nameValues) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.add(nameValues[i], nameValues[i + 1]);
    }
    return m;
  }

  @Test
  void aFullResponseResumesFromTheNextUnsentByte() {
    ResumePlan plan = ResumePlan.forResponse(200, headers("Content-Length", "1000", "ETag", "\"A\"")).orElseThrow();

    ResumePlan next = plan.advance(300);

    assertThat(next.rangeHeader()).isEqualTo("bytes=300-999");
    assertThat(next.remaining()).isEqualTo(700);
    assertThat(next.etag()).isEqualTo("\"A\"");
  }

  @Test
  void aPartialResponseKeepsTheClientsOwnRange() {
    ResumePlan plan = ResumePlan.forResponse(206,
        headers("Content-Range", "bytes 100-199/1000", "ETag", "\"A\"")).orElseThrow();

    assertThat(plan.advance(40).rangeHeader()).isEqualTo("bytes=140-199");
  }

  @Test
  void onlyTheExactRangeOfTheSameObjectIsAccepted() {
    ResumePlan plan = ResumePlan.forResponse(200, headers("Content-Length", "1000", "ETag", "\"A\"")).orElseThrow()
        .advance(300);

    assertThat(plan.accepts(206, headers("Content-Range", "bytes 300-999/1000", "ETag", "\"A\""))).isTrue();
    assertThat(plan.accepts(206, headers("Content-Range", "bytes 300-999/1000", "ETag", "\"B\"")))
        .as("another version").isFalse();
    assertThat(plan.accepts(206, headers("Content-Range", "bytes 0-999/1000", "ETag", "\"A\"")))
        .as("a different range").isFalse();
    assertThat(plan.accepts(200, headers("Content-Length", "1000", "ETag", "\"A\"")))
        .as("the range was ignored").isFalse();
    assertThat(plan.accepts(206, headers("Content-Range", "bytes 300-999/2000", "ETag", "\"A\"")))
        .as("a different size").isFalse();
  }

  @Test
  void responsesWithoutAStrongEtagOrLengthCannotBeResumed() {
    assertThat(ResumePlan.forResponse(200, headers("Content-Length", "1000"))).isEmpty();
    assertThat(ResumePlan.forResponse(200, headers("Content-Length", "1000", "ETag", "W/\"A\""))).isEmpty();
    assertThat(ResumePlan.forResponse(200, headers("ETag", "\"A\""))).as("chunked, unknown length").isEmpty();
    assertThat(ResumePlan.forResponse(404, headers("Content-Length", "10", "ETag", "\"A\""))).isEmpty();
  }

  @Test
  void rangeHeaderLengths() {
    assertThat(RangeHeader.length("bytes=0-99")).isEqualTo(100);
    assertThat(RangeHeader.length("bytes=-500")).isEqualTo(500);
    assertThat(RangeHeader.length("bytes=100-")).isEqualTo(-1);
    assertThat(RangeHeader.length("bytes=0-1,5-9")).isEqualTo(-1);
  }
}
