package io.ossgate.config;

import io.ossgate.config.MappingReader.Item;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the TLS keys of the configuration — {@code server.https}, {@code upstream.ca-file} and
 * {@code sites[].https-redirect} — and checks the PEM files they name (see {@link PemFiles}).
 * Blocking, like the rest of config loading.
 */
final class TlsSettingsReader {

  static final List<String> HTTPS_KEYS = List.of("listen", "certificates");
  static final List<String> CERTIFICATE_KEYS = List.of("cert", "key");

  private TlsSettingsReader() {}

  /** {@code server.https}, when present. */
  static Optional<HttpsSettings> https(MappingReader server) {
    if (!server.has("https") || server.raw("https").isNull()) {
      return Optional.empty();
    }
    Problems problems = server.problems();
    int before = problems.count();
    MappingReader r = server.mapping("https", HTTPS_KEYS);
    HostPort listen = r.value("listen", HttpsSettings.DEFAULT_LISTEN, "an address like 0.0.0.0:8443",
        text -> ConfigLoader.address(text, true));
    List<HttpsSettings.Certificate> certificates = new ArrayList<>();
    if (!r.has("certificates")) {
      problems.add(r.path("certificates"), "missing (expected: a list of {cert: FILE, key: FILE}, PEM)");
    }
    List<Item> items = r.list("certificates", "{cert: FILE, key: FILE}").orElse(List.of());
    if (r.has("certificates") && items.isEmpty() && problems.count() == before) {
      problems.add(r.path("certificates"), "empty (expected: at least one {cert: FILE, key: FILE})");
    }
    for (Item item : items) {
      certificate(item, problems).ifPresent(certificates::add);
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new HttpsSettings(listen, certificates));
  }

  private static Optional<HttpsSettings.Certificate> certificate(Item item, Problems problems) {
    int before = problems.count();
    MappingReader r = MappingReader.open(item.node(), item.path(), problems, CERTIFICATE_KEYS);
    if (!item.node().isObject()) {
      if (problems.count() == before) {
        problems.add(item.path(), "expected a mapping {cert: FILE, key: FILE}, got " + MappingReader.describe(item.node()));
      }
      return Optional.empty();
    }
    Optional<Path> cert = r.requiredText("cert", "a PEM certificate chain file").flatMap(t -> path(t, r.path("cert"), problems));
    Optional<Path> key = r.requiredText("key", "a PEM private key file").flatMap(t -> path(t, r.path("key"), problems));
    if (cert.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate leaf;
    try {
      leaf = PemFiles.certificates(cert.get()).get(0);
    } catch (IllegalArgumentException e) {
      problems.add(r.path("cert"), e.getMessage());
      return Optional.empty();
    }
    try {
      PemFiles.checkKey(key.get(), leaf);
    } catch (IllegalArgumentException e) {
      problems.add(r.path("key"), e.getMessage());
      return Optional.empty();
    }
    return Optional.of(new HttpsSettings.Certificate(cert.get(), key.get()));
  }

  /** {@code upstream.ca-file}: a PEM file with at least one CA certificate, when present. */
  static Optional<Path> caFile(MappingReader upstream) {
    Problems problems = upstream.problems();
    Optional<Path> file = upstream.text("ca-file", "a PEM file of CA certificates")
        .flatMap(t -> path(t, upstream.path("ca-file"), problems));
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      PemFiles.certificates(file.get());
      return file;
    } catch (IllegalArgumentException e) {
      problems.add(upstream.path("ca-file"), e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code sites[].https-redirect}: true or false, default false. */
  static boolean httpsRedirect(MappingReader site) {
    return site.value("https-redirect", false, "true or false", text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' (expected: true or false)");
    });
  }

  private static Optional<Path> path(String text, String keyPath, Problems problems) {
    if (text.isBlank()) {
      problems.add(keyPath, "is empty (expected: a file path)");
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(text.trim()));
    } catch (InvalidPathException e) {
      problems.add(keyPath, "'" + text + "' is not a valid path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }
}
