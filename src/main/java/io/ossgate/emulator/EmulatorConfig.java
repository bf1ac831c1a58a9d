package io.ossgate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ossgate.oss.BucketName;
import io.ossgate.oss.EndpointType;
import io.ossgate.oss.RegionId;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The emulator's YAML config file (format in docs/emulator.md): settings plus generated objects to
 * seed. Every mistake is reported with its key path, e.g. {@code endpoints[1].faults.latency: ...}.
 */
public record EmulatorConfig(EmulatorSettings settings, List<SeedObject> objects) {

  /** A generated object created at startup ({@link ObjectStore#putGenerated}). */
  public record SeedObject(String bucket, String key, long size, long seed, String contentType) {}

  public EmulatorConfig {
    objects = List.copyOf(objects);
  }

  /** Parses YAML text; throws IllegalArgumentException with the key path on any mistake. */
  public static EmulatorConfig parse(String yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = new ObjectMapper().createObjectNode();
    }
    return new Reader().root(root);
  }

  /** Applies the seed objects to a started emulator's store. */
  public void seed(ObjectStore store) {
    objects.forEach(o -> store.putGenerated(o.bucket(), o.key(), o.size(), o.seed(), o.contentType()));
  }

  private static final class Reader {

    EmulatorConfig root(JsonNode root) {
      object(root, "", "bind", "control", "buckets", "endpoints", "objects", "keys");
      String bind = root.has("bind") ? text(root.get("bind"), "bind") : "127.0.0.1";
      Optional<Integer> control = Optional.empty();
      JsonNode c = root.get("control");
      if (c != null && !c.isNull() && !(c.isBoolean() && !c.asBoolean())) {
        control = Optional.of(port(c, "control"));
      }
      List<BucketSettings> buckets = new ArrayList<>();
      List<JsonNode> bucketNodes = list(root, "buckets");
      for (int i = 0; i < bucketNodes.size(); i++) {
        buckets.add(bucket(bucketNodes.get(i), "buckets[" + i + "]"));
      }
      List<EndpointSettings> endpoints = new ArrayList<>();
      List<JsonNode> endpointNodes = list(root, "endpoints");
      for (int i = 0; i < endpointNodes.size(); i++) {
        endpoints.add(endpoint(endpointNodes.get(i), "endpoints[" + i + "]"));
      }
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("endpoints: missing or empty (expected: a list of {type, port, faults})");
      }
      check(endpoints.stream().map(EndpointSettings::type).distinct().count() == endpoints.size(),
          "endpoints: an endpoint type appears twice");
      check(buckets.stream().map(BucketSettings::name).distinct().count() == buckets.size(),
          "buckets: a bucket name appears twice");
      List<SeedObject> objects = new ArrayList<>();
      List<JsonNode> objectNodes = list(root, "objects");
      for (int i = 0; i < objectNodes.size(); i++) {
        SeedObject o = seedObject(objectNodes.get(i), "objects[" + i + "]");
        check(buckets.stream().anyMatch(b -> b.name().value().equals(o.bucket())),
            "objects[" + i + "].bucket: '" + o.bucket() + "' is not one of the buckets");
        objects.add(o);
      }
      EmulatorSettings settings = new EmulatorSettings(bind, buckets, endpoints, control,
          RequestAuthenticator.acceptAll());
      List<JsonNode> keyNodes = list(root, "keys");
      if (!keyNodes.isEmpty()) {
        List<io.ossgate.signing.Credentials> keys = new ArrayList<>();
        for (int i = 0; i < keyNodes.size(); i++) {
          io.ossgate.signing.Credentials k = key(keyNodes.get(i), "keys[" + i + "]");
          check(keys.stream().noneMatch(o -> o.accessKeyId().equals(k.accessKeyId())),
              "keys[" + i + "].access-key-id: '" + k.accessKeyId() + "' appears twice");
          keys.add(k);
        }
        settings = settings.withKeys(keys);
      }
      return new EmulatorConfig(settings, objects);
    }

    BucketSettings bucket(JsonNode n, String path) {
      object(n, path, "name", "region", "acl", "bound-domains");
      BucketName name = wrap(path + ".name", () -> BucketName.of(text(required(n, path, "name"), path + ".name")));
      RegionId region = wrap(path + ".region", () -> RegionId.of(text(required(n, path, "region"), path + ".region")));
      BucketAcl acl = BucketAcl.PUBLIC_READ_WRITE;
      if (n.has("acl")) {
        String a = text(n.get("acl"), path + ".acl");
        acl = BucketAcl.fromConfigName(a).orElseThrow(() -> new IllegalArgumentException(path + ".acl: '" + a
            + "' (expected one of " + Arrays.stream(BucketAcl.values()).map(BucketAcl::configName).toList() + ")"));
      }
      List<String> domains = new ArrayList<>();
      List<JsonNode> d = list(n, "bound-domains", path);
      for (int i = 0; i < d.size(); i++) {
        domains.add(text(d.get(i), path + ".bound-domains[" + i + "]"));
      }
      return new BucketSettings(name, region, acl, domains);
    }

    /** A test key the emulator accepts signatures from; messages name the key path, never the secret. */
    io.ossgate.signing.Credentials key(JsonNode n, String path) {
      object(n, path, "access-key-id", "access-key-secret", "security-token");
      String id = text(required(n, path, "access-key-id"), path + ".access-key-id");
      String secret = text(required(n, path, "access-key-secret"), path + ".access-key-secret");
      check(!id.isBlank(), path + ".access-key-id: empty (expected: an access key id)");
      check(!secret.isEmpty(), path + ".access-key-secret: empty (expected: the secret)");
      String token = n.has("security-token") ? text(n.get("security-token"), path + ".security-token") : null;
      return io.ossgate.signing.Credentials.sts(id, secret, token, null);
    }

    EndpointSettings endpoint(JsonNode n, String path) {
      object(n, path, "type", "port", "faults", "tls");
      String t = text(required(n, path, "type"), path + ".type");
      EndpointType type = EndpointType.fromConfigName(t).orElseThrow(() -> new IllegalArgumentException(
          path + ".type: '" + t + "' (expected one of " + EndpointType.allConfigNames() + ")"));
      int port = n.has("port") ? port(n.get("port"), path + ".port") : 0;
      Faults faults = FaultsCodec.read(n.get("faults"), path + ".faults", Faults.none());
      Optional<KeyCertOptions> tls = Optional.empty();
      JsonNode tlsNode = n.get("tls");
      if (tlsNode != null && !tlsNode.isNull()) {
        String tp = path + ".tls";
        object(tlsNode, tp, "cert", "key");
        tls = Optional.of(new PemKeyCertOptions()
            .setCertPath(text(required(tlsNode, tp, "cert"), tp + ".cert"))
            .setKeyPath(text(required(tlsNode, tp, "key"), tp + ".key")));
      }
      return new EndpointSettings(type, port, faults, tls);
    }

    SeedObject seedObject(JsonNode n, String path) {
      object(n, path, "bucket", "key", "size", "seed", "content-type");
      String bucket = text(required(n, path, "bucket"), path + ".bucket");
      String key = text(required(n, path, "key"), path + ".key");
      check(!key.isEmpty() && !key.startsWith("/"), path + ".key: '" + key + "' (expected: a key without leading '/')");
      JsonNode s = required(n, path, "size");
      long size = s.isIntegralNumber() ? s.asLong() : wrap(path + ".size", () -> io.ossgate.config.Units.parseSize(s.asText()));
      check(size >= 0, path + ".size: " + size + " (expected: >= 0)");
      long seed = 0;
      if (n.has("seed")) {
        check(n.get("seed").isIntegralNumber(), path + ".seed: '" + n.get("seed").asText() + "' (expected: an integer)");
        seed = n.get("seed").asLong();
      }
      String type = n.has("content-type") ? text(n.get("content-type"), path + ".content-type") : "application/octet-stream";
      return new SeedObject(bucket, key, size, seed, type);
    }

    private static void object(JsonNode n, String path, String... allowed) {
      check(n.isObject(), (path.isEmpty() ? "the document" : path) + ": expected a mapping");
      Set<String> keys = Set.of(allowed);
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        check(keys.contains(k), (path.isEmpty() ? "" : path + ".") + k + ": unknown key (expected one of "
            + String.join(", ", new TreeSet<>(keys)) + ")");
      }
    }

    private static List<JsonNode> list(JsonNode parent, String key) {
      return list(parent, key, "");
    }

    private static List<JsonNode> list(JsonNode parent, String key, String path) {
      JsonNode n = parent.get(key);
      String p = path.isEmpty() ? key : path + "." + key;
      if (n == null || n.isNull()) {
        return List.of();
      }
      check(n.isArray(), p + ": expected a list");
      List<JsonNode> out = new ArrayList<>();
      n.forEach(out::add);
      return out;
    }

    private static JsonNode required(JsonNode n, String path, String key) {
      JsonNode v = n.get(key);
      check(v != null && !v.isNull(), path + "." + key + ": missing");
      return v;
    }

    private static String text(JsonNode n, String path) {
      check(n.isValueNode() && !n.isNull(), path + ": expected a value, got " + n.getNodeType());
      return n.asText();
    }

    private static int port(JsonNode n, String path) {
      check(n.isIntegralNumber() && n.asInt() >= 0 && n.asInt() <= 65535,
          path + ": '" + n.asText() + "' (expected: a port 0..65535, 0 = any free port)");
      return n.asInt();
    }

    private static <T> T wrap(String path, java.util.function.Supplier<T> parse) {
      try {
        return parse.get();
      } catch (IllegalArgumentException e) {
        throw e.getMessage() != null && e.getMessage().startsWith(path)
            ? e : new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
