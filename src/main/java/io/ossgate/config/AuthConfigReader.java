package io.ossgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ossgate.config.MappingReader.Item;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the authentication keys of the configuration: the top-level {@code credentials:} section
 * and {@code sites[].methods} / {@code sites[].bound-domain}. Secrets are never accepted inline: a
 * key that looks like one is refused with a pointer to the environment or a credentials file.
 */
final class AuthConfigReader {

  static final String ROOT_KEY = "credentials";
  static final List<String> CREDENTIALS_KEYS = List.of("file", "profile", "ecs-ram-role");
  static final List<String> ECS_KEYS = List.of("endpoint", "role");
  static final List<String> SITE_KEYS = List.of("methods", "bound-domain");
  /** Methods a site may list; CONNECT is never proxied. */
  static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH");

  private AuthConfigReader() {}

  /** The {@code credentials:} section; absent = environment only. */
  static CredentialSources credentials(MappingReader top, Problems problems) {
    JsonNode node = top.raw(ROOT_KEY);
    List<String> allowed = new java.util.ArrayList<>(CREDENTIALS_KEYS);
    if (node != null && node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("secret") || lower.contains("access-key") || lower.contains("token")) {
          problems.add(ROOT_KEY + "." + name, "secrets are never written in the configuration (expected: "
              + "environment variables OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET, a credentials 'file', or 'ecs-ram-role')");
          allowed.add(name); // reported once, not again as an unknown key
        }
      }
    }
    MappingReader r = MappingReader.open(node, ROOT_KEY, problems, allowed);
    Optional<CredentialSources.FileSource> file = Optional.empty();
    Optional<String> path = r.text("file", "a file path like /etc/ossgate/credentials");
    Optional<String> profile = r.text("profile", "a profile name like default");
    if (path.isPresent()) {
      try {
        String p = path.get().trim();
        if (p.isEmpty()) {
          problems.add(r.path("file"), "empty (expected: a file path like /etc/ossgate/credentials)");
        } else {
          file = Optional.of(new CredentialSources.FileSource(Path.of(p), profile.map(String::trim).orElse("default")));
        }
      } catch (InvalidPathException e) {
        problems.add(r.path("file"), "'" + path.get() + "' is not a valid path (" + e.getReason() + ")");
      }
    } else if (profile.isPresent()) {
      problems.add(r.path("profile"), "'" + profile.get() + "' without 'file' (expected: file: PATH next to it)");
    }
    Optional<CredentialSources.EcsRamRole> ecs = Optional.empty();
    JsonNode ecsNode = r.raw("ecs-ram-role");
    if (ecsNode != null) {
      if (ecsNode.isNull() || (ecsNode.isBoolean() && ecsNode.asBoolean())) {
        ecs = Optional.of(new CredentialSources.EcsRamRole(CredentialSources.DEFAULT_METADATA_ENDPOINT, Optional.empty()));
      } else if (!(ecsNode.isBoolean())) {
        MappingReader e = r.mapping("ecs-ram-role", ECS_KEYS);
        URI endpoint = e.value("endpoint", CredentialSources.DEFAULT_METADATA_ENDPOINT,
            "an http URL like http://100.100.100.200", AuthConfigReader::endpoint);
        Optional<String> role = e.text("role", "a RAM role name").map(String::trim).filter(s -> !s.isEmpty());
        ecs = Optional.of(new CredentialSources.EcsRamRole(endpoint, role));
      }
    }
    return new CredentialSources(file, ecs);
  }

  private static URI endpoint(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' (expected: an http URL like http://100.100.100.200)");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + text + "' (expected: an http URL like http://100.100.100.200)");
    }
    return uri;
  }

  /** {@code methods} and {@code bound-domain} of one site. */
  static SiteAccess access(MappingReader site, AuthMode auth, Problems problems) {
    SiteAccess defaults = SiteAccess.defaults(auth == null ? AuthMode.PASSTHROUGH : auth);
    Optional<Set<String>> methods = defaults.methods();
    Optional<List<Item>> items = site.list("methods", "HTTP methods, from " + String.join(", ", KNOWN_METHODS));
    if (items.isPresent()) {
      Set<String> chosen = new LinkedHashSet<>();
      for (Item item : items.get()) {
        MappingReader.scalar(item.node(), item.path(), "an HTTP method like GET", problems).ifPresent(text -> {
          String m = text.trim().toUpperCase(Locale.ROOT);
          if (!KNOWN_METHODS.contains(m)) {
            problems.add(item.path(), "'" + text + "' is not a method ossgate forwards (expected one of: "
                + String.join(", ", new java.util.TreeSet<>(KNOWN_METHODS)) + ")");
          } else if (!chosen.add(m)) {
            problems.add(item.path(), "'" + m + "' is listed twice");
          }
        });
      }
      if (items.get().isEmpty()) {
        problems.add(site.path("methods"), "empty (expected: at least one method, like [GET, HEAD])");
      }
      methods = Optional.of(chosen);
    }
    boolean bound = site.value("bound-domain", false, "true or false", AuthConfigReader::bool);
    return new SiteAccess(methods, bound);
  }

  private static boolean bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' (expected: true or false)");
    };
  }
}
