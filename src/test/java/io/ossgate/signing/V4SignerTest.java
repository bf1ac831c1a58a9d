package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The published GO2/PY2/JV2 vectors of oss-reference §4.1. */
@Timeout(10)
class V4SignerTest {

  private static final Credentials AK = Credentials.of("ak", "sk");
  private static final Credentials STS = Credentials.sts("ak", "sk", "token", null);
  private static final String BASE_QUERY =
      "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2";

  private final V4Signer signer = new V4Signer(new SigningKeyCache(8));

  private static SignInput.Builder common(long epochSeconds) {
    return SignInput.builder("PUT", Instant.ofEpochSecond(epochSeconds))
        .bucket("bucket").key("1234+-/123/1.txt").region("cn-hangzhou")
        .header("x-oss-head1", "value").header("abc", "value")
        .header("ZAbc", "value").header("XYZ", "value")
        .query("param1", "value1").query("+param1", "value3").query("|param1", "value4")
        .query("+param2", "").query("|param2", "").query("param2", "");
  }

  @Test
  void canonicalUriAndQueryOfTheCommonInputs() {
    assertThat(V4Canonicalizer.canonicalUri("bucket", "1234+-/123/1.txt"))
        .isEqualTo("/bucket/1234%2B-/123/1.txt");
    assertThat(V4Canonicalizer.canonicalQuery(common(0).build().query())).isEqualTo(BASE_QUERY);
    assertThat(V4Canonicalizer.canonicalUri("bucket", null)).isEqualTo("/bucket/");
    assertThat(V4Canonicalizer.canonicalUri(null, null)).isEqualTo("/");
  }

  @Test
  void h1HeaderAuth() {
    SignInput in = common(1702743657).header("content-type", "text/plain")
        .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD").build();
    V4Signer.Signed s = signer.signHeadersDetailed(in, AK);
    assertThat(s.canonicalRequest()).isEqualTo("PUT\n/bucket/1234%2B-/123/1.txt\n" + BASE_QUERY + "\n"
        + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n"
        + "x-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");
    assertThat(s.stringToSign()).isEqualTo("OSS4-HMAC-SHA256\n20231216T162057Z\n"
        + "20231216/cn-hangzhou/oss/aliyun_v4_request\n"
        + "f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4");
    assertThat(s.headersToAdd()).containsEntry("Authorization",
        "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
            + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe")
        .containsEntry("x-oss-date", "20231216T162057Z")
        .doesNotContainKey("x-oss-content-sha256") // the input already had it
        .doesNotContainKey("x-oss-security-token");
  }

  @Test
  void h1AddsContentSha256WhenAbsent() {
    SignInput in = common(1702743657).header("content-type", "text/plain").build();
    Map<String, String> added = signer.signHeaders(in, AK);
    assertThat(added).containsEntry("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
        .containsEntry("Authorization",
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe");
  }

  @Test
  void h2HeaderAuthWithToken() {
    SignInput in = common(1702784856).header("content-type", "text/plain")
        .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD").build();
    V4Signer.Signed s = signer.signHeadersDetailed(in, STS);
    assertThat(s.canonicalRequest()).contains("x-oss-security-token:token\n");
    assertThat(s.headersToAdd()).containsEntry("x-oss-security-token", "token")
        .containsEntry("Authorization",
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea");
  }

  @Test
  void h3HeaderAuthWithAdditionalHeaders() {
    String expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
        + "AdditionalHeaders=abc;zabc,"
        + "Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";
    for (Set<String> requested : List.of(Set.of("ZAbc", "abc"),
        Set.of("x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"))) {
      SignInput in = common(1702747512).header("content-type", "text/plain")
          .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD").additionalHeaders(requested).build();
      V4Signer.Signed s = signer.signHeadersDetailed(in, AK);
      assertThat(s.canonicalRequest()).isEqualTo("PUT\n/bucket/1234%2B-/123/1.txt\n" + BASE_QUERY
          + "\nabc:value\ncontent-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n"
          + "x-oss-date:20231216T172512Z\nx-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD");
      assertThat(s.stringToSign())
          .endsWith("\n16b86004ed2cc3406dd7a13081bd940ef6a5ad49e508da2d4fdf84e8a5dd2145");
      assertThat(s.headersToAdd()).containsEntry("Authorization", expected);
    }
  }

  @Test
  void q1Presigned() {
    SignInput in = common(1702781677).header("content-type", "application/octet-stream").build();
    V4Signer.Signed s = signer.presignDetailed(in, AK, Duration.ofSeconds(1702782276 - 1702781677));
    assertThat(s.canonicalRequest()).isEqualTo("PUT\n/bucket/1234%2B-/123/1.txt\n" + BASE_QUERY
        + "&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request"
        + "&x-oss-date=20231217T025437Z&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256\n"
        + "content-type:application/octet-stream\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");
    assertThat(s.stringToSign())
        .endsWith("\n48814c11f278d51662015bf2f896b66ca10b6de0187ed8d952e341bbce0aa336");
    assertThat(s.queryToAdd()).containsExactly(
        QueryParam.of("x-oss-signature-version", "OSS4-HMAC-SHA256"),
        QueryParam.of("x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"),
        QueryParam.of("x-oss-date", "20231217T025437Z"),
        QueryParam.of("x-oss-expires", "599"),
        QueryParam.of("x-oss-signature",
            "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe"));
  }

  @Test
  void q2PresignedWithToken() {
    SignInput in = common(1702785388).header("content-type", "application/octet-stream").build();
    V4Signer.Signed s = signer.presignDetailed(in, STS, Duration.ofSeconds(599));
    assertThat(s.canonicalRequest())
        .contains("&x-oss-expires=599&x-oss-security-token=token&x-oss-signature-version=");
    assertThat(s.queryToAdd()).contains(QueryParam.of("x-oss-security-token", "token"));
    assertThat(s.queryToAdd().get(s.queryToAdd().size() - 1)).isEqualTo(QueryParam.of(
        "x-oss-signature", "3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5"));
  }

  @Test
  void q3PresignedWithAdditionalHeaders() {
    SignInput in = common(1702783809).header("content-type", "application/octet-stream")
        .additionalHeaders(Set.of("ZAbc", "abc")).build();
    V4Signer.Signed s = signer.presignDetailed(in, AK, Duration.ofSeconds(599));
    assertThat(s.canonicalRequest()).contains("x-oss-additional-headers=abc%3Bzabc&")
        .contains("\nabc:value\ncontent-type:application/octet-stream\nx-oss-head1:value\nzabc:value\n"
            + "\nabc;zabc\nUNSIGNED-PAYLOAD");
    assertThat(s.stringToSign())
        .endsWith("\ne06541af14a8dc30dd12d3b75557af47f405e37784a76eae1a844c3426777df9");
    assertThat(s.queryToAdd()).contains(QueryParam.of("x-oss-additional-headers", "abc;zabc"));
    assertThat(s.queryToAdd().get(s.queryToAdd().size() - 1)).isEqualTo(QueryParam.of(
        "x-oss-signature", "6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7"));
    assertThat(QueryStrings.render(s.queryToAdd())).contains("x-oss-additional-headers=abc%3Bzabc");
  }

  @Test
  void signingKeysAreCachedPerDayAndRegion() {
    SigningKeyCache cache = new SigningKeyCache(8);
    V4Signer cached = new V4Signer(cache);
    SignInput in = common(1702743657).build();
    cached.signHeaders(in, AK);
    cached.signHeaders(in, AK);
    assertThat(cache.size()).isEqualTo(1);
    cached.signHeaders(common(1702743657 + 86_400).build(), AK);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(new SigningKeyCache.KeyId("sk", "20231216", "r").toString()).doesNotContain("sk,");
  }

  @Test
  void rejectsMissingRegionAndTooLongPresign() {
    SignInput noRegion = SignInput.builder("GET", Instant.EPOCH).bucket("b").key("k").build();
    assertThatThrownBy(() -> signer.signHeaders(noRegion, AK)).hasMessageContaining("region");
    assertThatThrownBy(() -> signer.presign(common(0).build(), AK, Duration.ofDays(8)))
        .hasMessageContaining("expires");
  }
}
