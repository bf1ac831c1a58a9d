package io.ossgate.upstream;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed upstream TLS handshake into a line an operator can act on. The exception a
 * handshake fails with is generic; the reason (untrusted issuer, wrong host name, expired) sits
 * deeper in its cause chain.
 */
final class TlsFailures {
  private TlsFailures() {}

  /** A description when {@code t} is a TLS failure, else null. */
  static String describe(Throwable t) {
    boolean tls = false;
    String reason = null;
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof SSLException) {
        tls = true;
      }
      if (c instanceof CertPathValidatorException || c instanceof CertificateException
          || (c.getClass().getName().endsWith("SunCertPathBuilderException"))) {
        reason = c.getMessage();
      }
      if (c.getCause() == null && reason == null && tls) {
        reason = c.getMessage();
      }
    }
    if (!tls) {
      return null;
    }
    String hint = reason != null && (reason.contains("PKIX") || reason.contains("unable to find valid certification path"))
        ? " (the certificate's issuer is not trusted: add its CA with upstream.ca-file)" : "";
    return "TLS handshake failed: " + (reason == null ? t.getMessage() : reason) + hint;
  }
}
