package io.ossgate.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.ossgate.config.GatewayConfig;
import io.ossgate.config.HttpsSettings;
import io.ossgate.config.PemFiles;
import io.ossgate.upstream.UpstreamTrust;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of the gateway, prepared once at startup and shared by every verticle: the HTTPS
 * listener's options (certificates chosen by SNI, HTTP/2 by ALPN) and the trust used for upstream
 * HTTPS (system roots plus {@code upstream.ca-file}).
 *
 * @param https the HTTPS listener settings, when one is configured
 * @param upstreamTls the upstream client's TLS context: the JDK's trust, plus the CA file's when one
 *     is configured
 */
record TlsSetup(Optional<HttpsSettings> https, SslContext upstreamTls) {

  /**
   * Reads the CA file and the JDK trust store and builds the upstream TLS context on a worker
   * thread, never on an event loop.
   */
  static Future<TlsSetup> load(Vertx vertx, GatewayConfig config) {
    Optional<HttpsSettings> https = config.server().https();
    return vertx.executeBlocking(() -> {
      if (config.upstream().caFile().isEmpty()) {
        return new TlsSetup(https, upstreamTls(null));
      }
      var cas = PemFiles.certificates(config.upstream().caFile().get());
      TrustManagerFactory trust = UpstreamTrust.withExtraCas(cas);
      return new TlsSetup(https, upstreamTls(trust));
    }, false);
  }

  /**
   * The upstream client's TLS: HTTP/1.1 only (no ALPN), the bucket domain's name verified in its
   * certificate. {@code trust} null means the JDK's default trust store.
   */
  private static SslContext upstreamTls(TrustManagerFactory trust) throws SSLException {
    return SslContextBuilder.forClient()
        .trustManager(trust)
        .endpointIdentificationAlgorithm("HTTPS")
        .build();
  }

  /**
   * Options for the HTTPS listener: the proxy listener's options plus TLS. Vert.x picks the
   * certificate whose names (SAN DNS names, else CN; wildcards too) match the client's SNI; the
   * first pair serves clients without SNI. ALPN offers h2 first, then http/1.1.
   */
  Optional<HttpServerOptions> httpsServer() {
    return https.map(h -> {
      PemKeyCertOptions pem = new PemKeyCertOptions();
      for (HttpsSettings.Certificate c : h.certificates()) {
        pem.addCertPath(c.cert().toString()).addKeyPath(c.key().toString());
      }
      return NetworkOptions.proxyServer()
          .setSsl(true)
          .setSni(true)
          .setUseAlpn(true)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
          .setKeyCertOptions(pem);
    });
  }
}
