package io.ossgate.upstream;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates the gateway trusts for upstream HTTPS: the JDK's default trust store plus, when
 * {@code upstream.ca-file} is set, the CA certificates in it (a private CA in front of OSS, a test
 * CA). Adding never replaces: the system roots that sign the real OSS endpoints stay trusted.
 */
public final class UpstreamTrust {
  private UpstreamTrust() {}

  /**
   * A trust manager factory over the system roots and {@code extraCas}. Blocking (reads the JDK
   * trust store): call at startup or on a worker thread.
   */
  public static TrustManagerFactory withExtraCas(List<X509Certificate> extraCas) {
    try {
      TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      system.init((KeyStore) null);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (TrustManager tm : system.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (X509Certificate root : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, root);
          }
        }
      }
      for (X509Certificate ca : extraCas) {
        store.setCertificateEntry("ca-file-" + n++, ca);
      }
      TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      combined.init(store);
      return combined;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the upstream trust store: " + e, e);
    }
  }
}
