package io.ossgate.testing;

import io.ossgate.config.HttpsSettings;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;

/** A self-signed PEM certificate for one host name, created for a test (files in the temp directory). */
public record TestCerts(String host, Path cert, Path key) {

  /** Creates a fresh key pair and certificate with CN = {@code host}. Blocking: JUnit thread only. */
  public static TestCerts create(String host) {
    SelfSignedCertificate c = SelfSignedCertificate.create(host);
    return new TestCerts(host, Path.of(c.certificatePath()), Path.of(c.privateKeyPath()));
  }

  public HttpsSettings.Certificate asConfig() {
    return new HttpsSettings.Certificate(cert, key);
  }

  public PemKeyCertOptions keyCert() {
    return new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString());
  }

  public PemTrustOptions trust() {
    return new PemTrustOptions().addCertPath(cert.toString());
  }
}
