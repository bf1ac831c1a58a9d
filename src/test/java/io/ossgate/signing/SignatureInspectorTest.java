package io.ossgate.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SignatureInspectorTest {

  private static final String CRED = "Credential=LTAI/20241203/cn-hangzhou/oss/aliyun_v4_request";

  @Test
  void v4HeaderCompactWithHostAndRange() {
    SignatureInfo info = SignatureInspector.inspect(Map.of("Authorization",
        "OSS4-HMAC-SHA256 " + CRED + ",AdditionalHeaders=host;range,Signature=abc"), null);
    assertThat(info.form()).isEqualTo(SignatureForm.V4_HEADER);
    assertThat(info.accessKeyId()).contains("LTAI");
    assertThat(info.signsHost()).isTrue();
    assertThat(info.signsRange()).isTrue();
    assertThat(info.retargetable()).isFalse();
  }

  @Test
  void v4HeaderSpacedPy1FormWithoutHost() {
    SignatureInfo info = SignatureInspector.inspect(Map.of("authorization",
        "OSS4-HMAC-SHA256 " + CRED + ", Signature=abc, AdditionalHeaders=Range"), "");
    assertThat(info.form()).isEqualTo(SignatureForm.V4_HEADER);
    assertThat(info.additionalHeaders()).containsExactly("range");
    assertThat(info.signsHost()).isFalse();
    assertThat(info.signsRange()).isTrue();
    assertThat(info.retargetable()).isTrue();
  }

  @Test
  void v4HeaderWithoutAdditionalHeadersIsRetargetable() {
    SignatureInfo info = SignatureInspector.inspect(Map.of("Authorization",
        "OSS4-HMAC-SHA256 " + CRED + ",Signature=abc"), null);
    assertThat(info.signsHost()).isFalse();
    assertThat(info.signsRange()).isFalse();
    assertThat(info.retargetable()).isTrue();
  }

  @Test
  void v4PresignedFromTheOfficialDocExampleSignsHost() {
    SignatureInfo info = SignatureInspector.inspect(Map.of(),
        "x-oss-additional-headers=host&x-oss-credential=LTAI%2F20241203%2Fcn-hangzhou%2Foss%2Faliyun_v4_request"
            + "&x-oss-date=20241203T034420Z&x-oss-expires=86400&x-oss-signature=abc"
            + "&x-oss-signature-version=OSS4-HMAC-SHA256");
    assertThat(info.form()).isEqualTo(SignatureForm.V4_QUERY);
    assertThat(info.accessKeyId()).contains("LTAI");
    assertThat(info.signsHost()).isTrue();
    assertThat(info.retargetable()).isFalse();
  }

  @Test
  void v4PresignedWithoutHost() {
    SignatureInfo info = SignatureInspector.inspect(Map.of(),
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2F20241203%2Fr%2Foss%2Faliyun_v4_request"
            + "&x-oss-additional-headers=range");
    assertThat(info.form()).isEqualTo(SignatureForm.V4_QUERY);
    assertThat(info.signsHost()).isFalse();
    assertThat(info.signsRange()).isTrue();
  }

  @Test
  void v1FormsNeverSignHost() {
    SignatureInfo header = SignatureInspector.inspect(Map.of("Authorization", "OSS ak:sig="), null);
    assertThat(header.form()).isEqualTo(SignatureForm.V1_HEADER);
    assertThat(header.accessKeyId()).contains("ak");
    assertThat(header.retargetable()).isTrue();
    SignatureInfo query = SignatureInspector.inspect(Map.of(),
        "OSSAccessKeyId=ak&Expires=1&Signature=x%3D");
    assertThat(query.form()).isEqualTo(SignatureForm.V1_QUERY);
    assertThat(query.accessKeyId()).contains("ak");
    assertThat(query.signsHost()).isFalse();
  }

  @Test
  void anonymousIsRetargetable() {
    SignatureInfo info = SignatureInspector.inspect(Map.of("Host", "x"), "a=1");
    assertThat(info.form()).isEqualTo(SignatureForm.ANONYMOUS);
    assertThat(info.signed()).isFalse();
    assertThat(info.retargetable()).isTrue();
  }

  @Test
  void unsupportedOrMalformedCountsAsSigningHost() {
    for (String auth : new String[] {
        "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=x",
        "OSS2 AccessKeyId:ak,AdditionalHeaders:host,Signature:x",
        "OSS4-HMAC-SHA256 " + CRED + ",AdditionalHeaders=host;,Signature=x",
        "OSS4-HMAC-SHA256 garbage"}) {
      SignatureInfo info = SignatureInspector.inspect(Map.of("Authorization", auth), null);
      assertThat(info.form()).as(auth).isEqualTo(SignatureForm.UNSUPPORTED);
      assertThat(info.retargetable()).as(auth).isFalse();
    }
    assertThat(SignatureInspector.inspect(Map.of(), "x-oss-signature-version=OSS2&x-oss-signature=x")
        .form()).isEqualTo(SignatureForm.UNSUPPORTED);
  }
}
