package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The published GO2 vectors of oss-reference §3.1. */
@Timeout(10)
class V1SignerTest {

  private static final Credentials AK = Credentials.of("ak", "sk");
  private static final String DATE = "Wed, 28 Dec 2022 10:27:41 GMT";
  private static final Instant T = Instant.parse("2022-12-28T10:27:41Z");

  private final V1Signer signer = new V1Signer();

  private static SignInput.Builder put() {
    return SignInput.builder("PUT", T).bucket("examplebucket").key("nelson")
        .header("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==").header("Content-Type", "text/html")
        .header("x-oss-meta-author", "alice").header("x-oss-meta-magic", "abracadabra")
        .header("x-oss-date", DATE).header("Date", DATE);
  }

  private static SignInput.Builder getBucket() {
    return SignInput.builder("GET", T).bucket("examplebucket")
        .header("x-oss-date", DATE).header("Date", DATE);
  }

  @Test
  void h1() {
    V1Signer.Signed s = signer.signHeadersDetailed(put().build(), AK);
    assertThat(s.stringToSign()).isEqualTo("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\n" + DATE
        + "\nx-oss-date:" + DATE + "\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n"
        + "/examplebucket/nelson");
    assertThat(s.headersToAdd()).containsExactlyEntriesOf(
        java.util.Map.of("Authorization", "OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M="));
  }

  @Test
  void h2() {
    V1Signer.Signed s = signer.signHeadersDetailed(put().query("acl", null).build(), AK);
    assertThat(s.stringToSign()).endsWith("/examplebucket/nelson?acl");
    assertThat(s.headersToAdd()).containsEntry("Authorization", "OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=");
  }

  @Test
  void h3LeavesOutNonSubResources() {
    SignInput in = getBucket().query(QueryStrings.parse("resourceGroup&non-resousce=null")).build();
    V1Signer.Signed s = signer.signHeadersDetailed(in, AK);
    assertThat(s.stringToSign())
        .isEqualTo("GET\n\n\n" + DATE + "\nx-oss-date:" + DATE + "\n/examplebucket/?resourceGroup");
    assertThat(s.headersToAdd()).containsEntry("Authorization", "OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=");
  }

  @Test
  void h4SortsSubResources() {
    SignInput in = getBucket().query("resourceGroup", null).query("acl", null).build();
    V1Signer.Signed s = signer.signHeadersDetailed(in, AK);
    assertThat(s.stringToSign()).endsWith("/examplebucket/?acl&resourceGroup");
    assertThat(s.headersToAdd()).containsEntry("Authorization", "OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=");
  }

  @Test
  void q1Presigned() {
    SignInput in = SignInput.builder("GET", T).bucket("bucket").key("key")
        .query("versionId", "versionId").build();
    V1Signer.Signed s = signer.presignUntil(in, AK, Instant.ofEpochSecond(1699807420));
    assertThat(s.stringToSign()).isEqualTo("GET\n\n\n1699807420\n/bucket/key?versionId=versionId");
    assertThat(s.queryToAdd()).containsExactly(QueryParam.of("OSSAccessKeyId", "ak"),
        QueryParam.of("Expires", "1699807420"),
        QueryParam.of("Signature", "dcLTea+Yh9ApirQ8o8dOPqtvJXQ="));
    assertThat(QueryStrings.render(s.queryToAdd())).contains("Signature=dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D");
  }

  @Test
  void q2PresignedWithTokenAndPlusInKey() {
    SignInput in = SignInput.builder("GET", T).bucket("bucket").key("key+123")
        .query("versionId", "versionId").build();
    V1Signer.Signed s = signer.presignUntil(in, Credentials.sts("ak", "sk", "token", null),
        Instant.ofEpochSecond(1699808204));
    assertThat(s.stringToSign())
        .isEqualTo("GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId");
    assertThat(s.queryToAdd()).contains(QueryParam.of("security-token", "token"),
        QueryParam.of("Signature", "jzKYRrM5y6Br0dRFPaTGOsbrDhY="));
    assertThat(UriEncoding.encodePath("/key+123")).isEqualTo("/key%2B123");
  }

  @Test
  void addsDateAndTokenHeadersWhenNeeded() {
    SignInput in = SignInput.builder("GET", Instant.parse("2024-03-01T08:09:10Z"))
        .bucket("b").key("k").build();
    var added = signer.signHeaders(in, Credentials.sts("ak", "sk", "tok", null));
    assertThat(added).containsEntry("Date", "Fri, 01 Mar 2024 08:09:10 GMT")
        .containsEntry("x-oss-security-token", "tok").containsKey("Authorization");
    assertThat(List.copyOf(added.keySet())).contains("Authorization");
  }
}
