package io.ossgate.e2e;

import static io.ossgate.oss.EndpointType.INTERNAL;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ossgate.emulator.RecordedRequest;
import io.ossgate.testing.GatewayHarness.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Range and conditional GETs are OSS's business: the gateway forwards them and relays the answer. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = SECONDS)
class RangeAndConditionalTest {

  private static final String KEY = "/r/thousand.bin";
  private static final byte[] DATA = new byte[1000];

  static {
    new Random(99).nextBytes(DATA);
  }

  private GatewayWithEmulator g;
  private String etag;

  @BeforeEach
  void setUp(Vertx vertx) {
    g = GatewayWithEmulator.start(vertx, INTERNAL);
    etag = g.emulator().store().put(GatewayWithEmulator.BUCKET, KEY.substring(1), DATA, "application/octet-stream").etag();
  }

  @AfterEach
  void tearDown() {
    g.close();
  }

  private Response get(String name, String value) {
    Response r = g.send(HttpMethod.GET, KEY, req -> req.putHeader(name, value), null);
    RecordedRequest up = g.onlyUpstreamRequest(HttpMethod.GET, KEY);
    assertThat(up.header(name)).hasValue(value);
    return r;
  }

  private static void assertPartial(Response r, int from, int to) {
    assertThat(r.status()).isEqualTo(206);
    assertThat(r.header("Content-Range")).isEqualTo("bytes " + from + "-" + to + "/1000");
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(to - from + 1));
    assertThat(r.body().getBytes()).isEqualTo(Arrays.copyOfRange(DATA, from, to + 1));
  }

  @Test
  void closedRange() {
    assertPartial(get("Range", "bytes=100-199"), 100, 199);
  }

  @Test
  void openEndedRange() {
    assertPartial(get("Range", "bytes=900-"), 900, 999);
  }

  @Test
  void suffixRange() {
    assertPartial(get("Range", "bytes=-50"), 950, 999);
  }

  @Test
  void invalidRangeGivesTheWholeObject() {
    Response r = get("Range", "bytes=500-100");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Range")).isNull();
    assertThat(r.body().getBytes()).isEqualTo(DATA);
  }

  @Test
  void standardRangeBehaviourClampsAndRefuses() {
    Response clamped = g.send(HttpMethod.GET, KEY,
        req -> req.putHeader("Range", "bytes=500-2000").putHeader("x-oss-range-behavior", "standard"), null);
    assertPartial(clamped, 500, 999);
    assertThat(g.onlyUpstreamRequest(HttpMethod.GET, KEY).header("x-oss-range-behavior")).hasValue("standard");

    Response refused = g.send(HttpMethod.GET, KEY,
        req -> req.putHeader("Range", "bytes=1000-2000").putHeader("x-oss-range-behavior", "standard"), null);
    assertThat(refused.status()).isEqualTo(416);
    assertThat(refused.text()).contains("<Code>InvalidRange</Code>");
    g.onlyUpstreamRequest(HttpMethod.GET, KEY);

    // Without the header the same out-of-range request is ignored: full object.
    Response lenient = get("Range", "bytes=1000-2000");
    assertThat(lenient.status()).isEqualTo(200);
    assertThat(lenient.body().length()).isEqualTo(1000);
  }

  @Test
  void ifNoneMatchWithTheEtagIsNotModified() {
    Response r = get("If-None-Match", etag);
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.body().length()).isZero();
    assertThat(r.header("ETag")).isEqualTo(etag);
  }

  @Test
  void ifMatchMismatchIsPreconditionFailed() {
    Response r = get("If-Match", "\"0123456789ABCDEF0123456789ABCDEF\"");
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.text()).contains("<Code>PreconditionFailed</Code>");
  }

  @Test
  void ifModifiedSinceInTheFutureIsNotModified() {
    String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
    Response r = get("If-Modified-Since", future);
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.body().length()).isZero();
  }
}
