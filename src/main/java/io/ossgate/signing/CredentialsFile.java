package io.ossgate.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Alibaba Cloud INI credentials file ({@code ~/.alibabacloud/credentials}):
 * <pre>
 * [default]
 * type = access_key              # or sts (adds security_token)
 * access_key_id = LTAI...
 * access_key_secret = ...
 * </pre>
 * Errors name the file, the profile and the line, never a value. Reading is blocking: load at
 * startup, not on an event loop.
 */
public final class CredentialsFile {

  /** Default location under the user's home. */
  public static final String DEFAULT_RELATIVE = ".alibabacloud/credentials";

  private CredentialsFile() {}

  /**
   * The provider chosen by {@code ALIBABA_CLOUD_CREDENTIALS_FILE} (or the default file, when it
   * exists) and {@code ALIBABA_CLOUD_PROFILE} (default {@code default}); empty when neither the
   * variable is set nor the default file exists.
   */
  public static Optional<CredentialsProvider> fromEnv(Map<String, String> env, Path home) {
    String explicit = env.get("ALIBABA_CLOUD_CREDENTIALS_FILE");
    Path file;
    if (explicit != null && !explicit.isBlank()) {
      file = Path.of(explicit);
    } else {
      file = home.resolve(DEFAULT_RELATIVE);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
    }
    String profile = env.getOrDefault("ALIBABA_CLOUD_PROFILE", "default");
    return Optional.of(new StaticCredentialsProvider(load(file, profile),
        "file(" + file + ", profile " + profile + ")"));
  }

  /** Reads {@code profile} from {@code file}. */
  public static Credentials load(Path file, String profile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CredentialsException("credentials file " + file + ": not found");
    } catch (IOException e) {
      throw new CredentialsException("credentials file " + file + ": cannot read ("
          + e.getClass().getSimpleName() + ")");
    }
    return parse(lines, file.toString(), profile);
  }

  /** Parses the file's lines; {@code source} names it in error messages. */
  static Credentials parse(List<String> lines, String source, String profile) {
    Map<String, String> values = null;
    int sectionLine = 0;
    String current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw error(source, i + 1, "expected '[profile]'");
        }
        current = line.substring(1, line.length() - 1).strip();
        if (current.equals(profile)) {
          values = new HashMap<>();
          sectionLine = i + 1;
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        // Never quote the line: it may be a secret on a line of its own.
        throw error(source, i + 1, "expected 'key = value'");
      }
      if (current == null) {
        throw error(source, i + 1, "key outside of any [profile] section");
      }
      if (current.equals(profile)) {
        values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), unquote(line.substring(eq + 1).strip()));
      }
    }
    if (values == null) {
      throw new CredentialsException("credentials file " + source + ": profile '" + profile + "' not found");
    }
    String where = "credentials file " + source + ": profile '" + profile + "' (line " + sectionLine + ")";
    String type = values.getOrDefault("type", "access_key");
    String token = null;
    switch (type) {
      case "access_key" -> { }
      case "sts" -> token = require(values, "security_token", where);
      default -> throw new CredentialsException(where + ": type '" + type
          + "' is not supported (expected: access_key or sts)");
    }
    return Credentials.sts(require(values, "access_key_id", where),
        require(values, "access_key_secret", where), token, null);
  }

  private static String require(Map<String, String> values, String key, String where) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      throw new CredentialsException(where + ": " + key + " is missing");
    }
    return v;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static CredentialsException error(String source, int line, String what) {
    return new CredentialsException("credentials file " + source + ": line " + line + ": " + what);
  }
}
