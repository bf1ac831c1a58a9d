package io.ossgate.emulator;

import io.ossgate.oss.OssError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Routes one exchange the way OSS would: Host → bucket, access check, then the operation named by
 * method, key and sub-resource parameters. Shared by all endpoint listeners; stateless.
 */
final class OssHandler {

  private static final Set<String> SIGNATURE_PARAMS =
      Set.of("ossaccesskeyid", "signature", "x-oss-signature", "x-oss-credential");

  private static final Set<String> LIST_PARAMS = Set.of("list-type", "prefix", "delimiter", "max-keys",
      "continuation-token", "start-after", "marker", "encoding-type", "fetch-owner");
  private static final Set<String> OBJECT_SUBRESOURCES = Set.of("acl", "tagging", "symlink", "objectMeta",
      "restore", "append", "x-oss-process");

  private final HostRouter router;
  private final RequestAuthenticator authenticator;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final ListHandler lister;

  OssHandler(Vertx vertx, ObjectStore store, EmulatorSettings settings) {
    this.router = new HostRouter(settings.buckets());
    this.authenticator = settings.authenticator();
    this.reader = new ObjectReader(vertx, store);
    this.writer = new ObjectWriter(vertx, store);
    this.lister = new ListHandler(store);
  }

  void handle(Exchange ex) {
    try {
      route(ex);
    } catch (IllegalArgumentException malformed) {
      // Vert.x decodes the query lazily and throws on bad percent-encoding (e.g. "%ZZ"): answer
      // like OSS instead of leaving the request without a response.
      ex.sendError(OssError.invalidArgument("Malformed request: " + malformed.getMessage()));
    }
  }

  private void route(Exchange ex) {
    HostRouter.Route route = router.route(ex.host());
    if (route.error().isPresent()) {
      ex.sendError(route.error().get());
      return;
    }
    BucketSettings bucket = route.bucket().orElseThrow();
    HttpServerRequest request = ex.request();
    String method = request.method().name();
    Optional<OssError> denied = isAnonymous(request)
        ? (bucket.acl().allowsAnonymous(method) ? Optional.empty()
            : Optional.of(OssError.accessDenied("You have no right to access this object because of bucket acl.")))
        : authenticator.authenticate(request, bucket);
    if (denied.isPresent()) {
      ex.sendError(denied.get());
      return;
    }
    String key;
    try {
      key = decodePath(request.path());
    } catch (IllegalArgumentException e) {
      ex.sendError(new OssError(400, "InvalidObjectName", "The object name is not valid percent-encoded UTF-8."));
      return;
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > 1023) {
      ex.sendError(new OssError(400, "InvalidObjectName", "The Length of Object name must be less than 1024."));
      return;
    }
    if (key.isEmpty()) {
      bucketOperation(ex, bucket, method);
    } else {
      objectOperation(ex, bucket, key, method, route.boundDomain());
    }
  }

  private void bucketOperation(Exchange ex, BucketSettings bucket, String method) {
    HttpServerRequest r = ex.request();
    boolean subresource = r.params().names().stream()
        .anyMatch(n -> !LIST_PARAMS.contains(n) && !isSigningParam(n));
    if (method.equals("GET") && !subresource) {
      lister.list(ex, bucket);
    } else if (method.equals("HEAD") && !subresource) {
      ex.sendEmpty(200);
    } else {
      ex.sendError(notImplemented());
    }
  }

  private void objectOperation(Exchange ex, BucketSettings bucket, String key, String method, boolean bound) {
    HttpServerRequest r = ex.request();
    boolean uploadId = r.getParam("uploadId") != null;
    switch (method) {
      case "GET", "HEAD" -> {
        // HEAD ?objectMeta (GetObjectMeta, the Java SDK's existence check) answers like HEAD.
        boolean objectMeta = method.equals("HEAD") && r.params().names().stream()
            .filter(OBJECT_SUBRESOURCES::contains).allMatch("objectMeta"::equals);
        if (uploadId || (!objectMeta && r.params().names().stream().anyMatch(OBJECT_SUBRESOURCES::contains))) {
          ex.sendError(notImplemented());
        } else {
          ex.discardBody(() -> reader.read(ex, bucket, key, bound));
        }
      }
      case "PUT" -> {
        if (r.getParam("partNumber") != null || uploadId) {
          writer.uploadPart(ex, bucket, key);
        } else if (r.getHeader("x-oss-copy-source") != null
            || r.params().names().stream().anyMatch(OBJECT_SUBRESOURCES::contains)) {
          ex.sendError(notImplemented());
        } else {
          writer.putObject(ex, bucket, key);
        }
      }
      case "POST" -> {
        if (r.getParam("uploads") != null) {
          writer.initiate(ex, bucket, key);
        } else if (uploadId) {
          writer.complete(ex, bucket, key);
        } else {
          ex.sendError(notImplemented());
        }
      }
      case "DELETE" -> {
        if (uploadId) {
          ex.discardBody(() -> writer.abort(ex, bucket, key));
        } else {
          ex.discardBody(() -> writer.deleteObject(ex, bucket, key));
        }
      }
      default -> ex.sendError(OssError.methodNotAllowed(method));
    }
  }

  private static boolean isAnonymous(HttpServerRequest request) {
    if (request.getHeader("Authorization") != null) {
      return false;
    }
    return request.params().names().stream().noneMatch(n -> SIGNATURE_PARAMS.contains(n.toLowerCase(java.util.Locale.ROOT)));
  }

  private static boolean isSigningParam(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return SIGNATURE_PARAMS.contains(n) || n.startsWith("x-oss-") || n.equals("expires") || n.equals("security-token");
  }

  private static OssError notImplemented() {
    return new OssError(501, "NotImplemented", "The emulator does not implement this operation.");
  }

  /** The object key: the path without its leading '/', percent-decoded as UTF-8 ('+' stays '+'). */
  static String decodePath(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.indexOf('%') < 0) {
      return p;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '%') {
        if (i + 2 >= p.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        int hi = Character.digit(p.charAt(i + 1), 16);
        int lo = Character.digit(p.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < p.length()) {
          bytes = p.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
