package io.ossgate.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class OutcomeClassifierTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "200, null, SUCCESS",
      "206, null, SUCCESS",
      "304, null, SUCCESS",
      "403, AccessDenied, NEUTRAL",
      "403, SignatureDoesNotMatch, NEUTRAL",
      "404, NoSuchKey, NEUTRAL",
      "412, PreconditionFailed, NEUTRAL",
      "429, null, FAILURE",
      "500, InternalError, FAILURE",
      "503, null, FAILURE",
      "400, PublicEndpointForbidden, INELIGIBLE",
      "400, ExternalRedirectForbidden, INELIGIBLE",
      "403, PermanentRedirect, INELIGIBLE",
      "403, AccelerateNotConfigured, INELIGIBLE",
  })
  void classifies(int status, String code, Outcome expected) {
    assertThat(OutcomeClassifier.classify(status, code)).isEqualTo(expected);
  }

  @Test
  void notImplementedIsADefinitiveAnswerNotASickEndpoint() {
    assertThat(OutcomeClassifier.classify(501, "NotImplemented")).isEqualTo(Outcome.NEUTRAL);
    assertThat(OutcomeClassifier.classify(500, "InternalError")).isEqualTo(Outcome.FAILURE);
  }
}
