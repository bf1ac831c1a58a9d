package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(10)
class SignatureVerifierTest {

  private static final Instant T = Instant.parse("2024-05-06T07:08:09Z");
  private static final Credentials AK = Credentials.of("ak", "sk");
  private static final Credentials STS = Credentials.sts("stsak", "stssk", "tok", T.plusSeconds(3600));
  private static final Function<String, Optional<Credentials>> LOOKUP =
      id -> Optional.ofNullable(Map.of("ak", AK, "stsak", STS).get(id));

  private final V4Signer v4 = new V4Signer();
  private final V1Signer v1 = new V1Signer();
  private final SignatureVerifier verifier = new SignatureVerifier();

  /** The four forms a client can use. */
  enum Form { V4_HEADER, V4_QUERY, V1_HEADER, V1_QUERY }

  private static SignInput.Builder input() {
    return SignInput.builder("PUT", T).bucket("bucket").key("dir/a b+c/ü.txt").region("cn-hangzhou")
        .header("Content-Type", "text/plain").header("x-oss-meta-a", "1")
        .header("Range", "bytes=0-9")
        .query("versionId", "v 1/2").query("x-oss-process", "image/resize,w_10").query("plain", null);
  }

  /** Signs {@code in} in {@code form} and builds what the server would see on the wire. */
  private SignedRequest signed(Form form, SignInput in, Credentials creds) {
    TreeMap<String, String> headers = new TreeMap<>(in.headers());
    List<QueryParam> query = new ArrayList<>(in.query());
    switch (form) {
      case V4_HEADER -> headers.putAll(v4.signHeaders(in, creds));
      case V1_HEADER -> headers.putAll(v1.signHeaders(in, creds));
      case V4_QUERY -> query.addAll(v4.presign(in, creds, Duration.ofMinutes(10)));
      case V1_QUERY -> query.addAll(v1.presign(in, creds, Duration.ofMinutes(10)));
    }
    return SignedRequest.of(in.method(), in.bucket(), UriEncoding.encodePath("/" + in.key()),
        QueryStrings.render(query), headers);
  }

  private static SignedRequest withHeader(SignedRequest r, String name, String value) {
    TreeMap<String, String> h = new TreeMap<>(r.headers());
    h.put(name, value);
    return SignedRequest.of(r.method(), r.bucket(), r.rawPath(), r.rawQuery(), h);
  }

  private static SignedRequest withQuery(SignedRequest r, UnaryOperator<String> edit) {
    return SignedRequest.of(r.method(), r.bucket(), r.rawPath(), edit.apply(r.rawQuery()), r.headers());
  }

  private static void assertInvalid(VerifyResult result, String code) {
    assertThat(result).isInstanceOfSatisfying(VerifyResult.Invalid.class,
        i -> assertThat(i.code()).isEqualTo(code));
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void signedRequestsVerify(Form form) {
    for (Credentials creds : List.of(AK, STS)) {
      VerifyResult r = verifier.verify(signed(form, input().build(), creds), LOOKUP, T.plusSeconds(30));
      assertThat(r).isEqualTo(new VerifyResult.Valid(creds.accessKeyId(), SignatureForm.valueOf(form.name())));
    }
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void tamperingAnySignedPartFails(Form form) {
    SignedRequest ok = signed(form, input().build(), AK);
    Instant now = T.plusSeconds(30);
    List<SignedRequest> tampered = List.of(
        SignedRequest.of(ok.method(), ok.bucket(), ok.rawPath() + "x", ok.rawQuery(), ok.headers()),
        SignedRequest.of("POST", ok.bucket(), ok.rawPath(), ok.rawQuery(), ok.headers()),
        SignedRequest.of(ok.method(), "other", ok.rawPath(), ok.rawQuery(), ok.headers()),
        withQuery(ok, q -> q.replace("versionId=v", "versionId=w")),
        withHeader(ok, "x-oss-meta-a", "2"),
        withHeader(ok, "x-oss-meta-new", "1"),
        withHeader(ok, "content-type", "text/html"));
    for (SignedRequest t : tampered) {
      assertInvalid(verifier.verify(t, LOOKUP, now), VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH);
    }
  }

  @Test
  void v4SignsEveryQueryParamButV1OnlySubResources() {
    SignedRequest v4h = signed(Form.V4_HEADER, input().build(), AK);
    SignedRequest v1h = signed(Form.V1_HEADER, input().build(), AK);
    UnaryOperator<String> addParam = q -> q + "&utm_source=x";
    assertInvalid(verifier.verify(withQuery(v4h, addParam), LOOKUP, T),
        VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH);
    assertThat(verifier.verify(withQuery(v1h, addParam), LOOKUP, T).isValid()).isTrue();
  }

  @Test
  void v4AdditionalHeadersAreSigned() {
    SignInput in = input().header("Host", "bucket.oss-cn-hangzhou.aliyuncs.com")
        .additionalHeaders(List.of("host", "range")).build();
    for (Form form : List.of(Form.V4_HEADER, Form.V4_QUERY)) {
      SignedRequest ok = signed(form, in, AK);
      assertThat(verifier.verify(ok, LOOKUP, T).isValid()).isTrue();
      assertInvalid(verifier.verify(withHeader(ok, "host", "bucket.oss-accelerate.aliyuncs.com"), LOOKUP, T),
          VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH);
      assertInvalid(verifier.verify(withHeader(ok, "range", "bytes=0-1"), LOOKUP, T),
          VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH);
    }
    // Not listed: host may change freely (this is what lets the gateway re-target).
    SignedRequest plain = signed(Form.V4_HEADER, input().build(), AK);
    assertThat(verifier.verify(withHeader(plain, "host", "elsewhere"), LOOKUP, T).isValid()).isTrue();
  }

  @Test
  void acceptsThePy1SpacedAuthorizationForm() {
    SignInput in = input().additionalHeaders(List.of("range")).build();
    SignedRequest ok = signed(Form.V4_HEADER, in, AK);
    String compact = ok.headers().get("authorization");
    assertThat(compact).contains(",AdditionalHeaders=range,Signature=");
    String[] parts = compact.substring("OSS4-HMAC-SHA256 ".length()).split(",");
    String spaced = "OSS4-HMAC-SHA256 " + parts[0] + ", " + parts[2] + ", " + parts[1];
    assertThat(verifier.verify(withHeader(ok, "authorization", spaced), LOOKUP, T).isValid()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Form.class, names = {"V4_HEADER", "V1_HEADER"})
  void headerFormsMustBeWithinFifteenMinutes(Form form) {
    SignedRequest r = signed(form, input().build(), AK);
    assertThat(verifier.verify(r, LOOKUP, T.plus(Duration.ofMinutes(14))).isValid()).isTrue();
    assertThat(verifier.verify(r, LOOKUP, T.minus(Duration.ofMinutes(14))).isValid()).isTrue();
    assertInvalid(verifier.verify(r, LOOKUP, T.plus(Duration.ofMinutes(16))),
        VerifyResult.Invalid.REQUEST_TIME_TOO_SKEWED);
    assertInvalid(verifier.verify(r, LOOKUP, T.minus(Duration.ofMinutes(16))),
        VerifyResult.Invalid.REQUEST_TIME_TOO_SKEWED);
  }

  @ParameterizedTest
  @EnumSource(value = Form.class, names = {"V4_QUERY", "V1_QUERY"})
  void presignedUrlsExpire(Form form) {
    SignedRequest r = signed(form, input().build(), AK);
    assertThat(verifier.verify(r, LOOKUP, T.plus(Duration.ofMinutes(10))).isValid()).isTrue();
    assertInvalid(verifier.verify(r, LOOKUP, T.plus(Duration.ofMinutes(10)).plusSeconds(1)),
        VerifyResult.Invalid.ACCESS_DENIED);
  }

  @Test
  void v4PresignFromTheFarFutureIsSkewed() {
    SignedRequest r = signed(Form.V4_QUERY, input().build(), AK);
    assertInvalid(verifier.verify(r, LOOKUP, T.minus(Duration.ofMinutes(16))),
        VerifyResult.Invalid.REQUEST_TIME_TOO_SKEWED);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void unknownKeyIsInvalidAccessKeyId(Form form) {
    SignedRequest r = signed(form, input().build(), Credentials.of("nobody", "x"));
    assertInvalid(verifier.verify(r, LOOKUP, T), VerifyResult.Invalid.INVALID_ACCESS_KEY_ID);
  }

  @ParameterizedTest
  @EnumSource(Form.class)
  void wrongSecretIsSignatureDoesNotMatch(Form form) {
    SignedRequest r = signed(form, input().build(), Credentials.of("ak", "not-sk"));
    assertInvalid(verifier.verify(r, LOOKUP, T), VerifyResult.Invalid.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void stsCredentialsNeedTheirToken() {
    SignedRequest r = signed(Form.V4_HEADER, input().build(), STS);
    assertInvalid(verifier.verify(withHeader(r, "x-oss-security-token", "other"), LOOKUP, T),
        VerifyResult.Invalid.INVALID_SECURITY_TOKEN);
    SignedRequest noToken = signed(Form.V4_HEADER, input().build(),
        Credentials.of(STS.accessKeyId(), STS.accessKeySecret()));
    assertInvalid(verifier.verify(noToken, LOOKUP, T), VerifyResult.Invalid.INVALID_SECURITY_TOKEN);
  }

  @Test
  void v1UsesXOssDateWhenThereIsNoDateHeader() {
    // ali-oss in a browser cannot set Date: it signs x-oss-date in the Date slot.
    String date = SignDates.http(T);
    SignInput in = input().header("Date", date).header("x-oss-date", date).build();
    SignedRequest r = signed(Form.V1_HEADER, in, AK);
    TreeMap<String, String> h = new TreeMap<>(r.headers());
    h.remove("date");
    SignedRequest browser = SignedRequest.of(r.method(), r.bucket(), r.rawPath(), r.rawQuery(), h);
    assertThat(verifier.verify(browser, LOOKUP, T).isValid()).isTrue();
    // x-oss-date is the time that counts, even when Date says otherwise.
    assertInvalid(verifier.verify(browser, LOOKUP, T.plus(Duration.ofHours(1))),
        VerifyResult.Invalid.REQUEST_TIME_TOO_SKEWED);
  }

  @Test
  void anonymousAndMalformed() {
    SignedRequest anon = SignedRequest.of("GET", "b", "/k", "a=1", Map.of());
    assertThat(verifier.verify(anon, LOOKUP, T)).isInstanceOf(VerifyResult.Anonymous.class);
    SignedRequest aws = SignedRequest.of("GET", "b", "/k", null,
        Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=x"));
    assertInvalid(verifier.verify(aws, LOOKUP, T), VerifyResult.Invalid.ACCESS_DENIED);
    SignedRequest emptyAdditional = SignedRequest.of("GET", "b", "/k", null, Map.of("Authorization",
        "OSS4-HMAC-SHA256 Credential=ak/20240506/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=,Signature=0",
        "x-oss-date", SignDates.isoBasic(T)));
    assertInvalid(verifier.verify(emptyAdditional, LOOKUP, T), VerifyResult.Invalid.ACCESS_DENIED);
  }

  @Test
  void messagesNeverContainSecrets() {
    for (Form form : Form.values()) {
      SignedRequest r = signed(form, input().build(), STS);
      VerifyResult res = verifier.verify(withHeader(r, "x-oss-meta-a", "changed"), LOOKUP, T);
      assertThat(res.toString()).doesNotContain("stssk").doesNotContain("tok");
    }
  }
}
