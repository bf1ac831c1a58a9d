package io.ossgate.emulator;

import io.ossgate.oss.Crc64Ecma;
import io.ossgate.oss.OssError;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** GetObject and HeadObject: conditionals, Range, OSS response headers, forced download. */
final class ObjectReader {

  /** Types OSS forces to download on its default domains (oss-reference §7). */
  private static final Set<String> FORCED_DOWNLOAD_TYPES = Set.of(
      "image/jpeg", "image/jpg", "image/gif", "image/tiff", "image/png", "image/webp", "image/svg+xml",
      "image/bmp", "image/x-ms-bmp", "image/x-cmu-raster", "image/exr", "image/x-icon", "image/heic",
      "text/html");

  private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
      "response-content-type", "Content-Type",
      "response-content-language", "Content-Language",
      "response-expires", "Expires",
      "response-cache-control", "Cache-Control",
      "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding");

  static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final ObjectStore store;

  ObjectReader(Vertx vertx, ObjectStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void read(Exchange ex, BucketSettings bucket, String key, boolean boundDomain) {
    Optional<StoredObject> found = store.get(bucket.name().value(), key);
    if (found.isEmpty()) {
      ex.sendError(OssError.noSuchKey(key));
      return;
    }
    StoredObject object = found.get();
    HttpServerRequest request = ex.request();
    HttpServerResponse response = ex.response();
    Optional<Integer> conditional = conditional(request.headers(), object);
    if (conditional.isPresent() && conditional.get() == 412) {
      ex.sendError(new OssError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold."));
      return;
    }
    response.putHeader("ETag", object.etag());
    response.putHeader("Last-Modified", HTTP_DATE.format(object.lastModified()));
    if (conditional.isPresent()) {
      response.setStatusCode(304).end();
      return;
    }
    boolean standard = "standard".equalsIgnoreCase(request.getHeader("x-oss-range-behavior"));
    RangeSpec range = RangeSpec.parse(request.getHeader("Range"), object.size(), standard);
    if (range.kind() == RangeSpec.Kind.UNSATISFIABLE) {
      response.putHeader("Content-Range", "bytes */" + object.size());
      ex.sendError(new OssError(416, "InvalidRange", "The requested range cannot be satisfied."));
      return;
    }
    // Known CRCs come completed, so those objects are served right here; only the first read of a
    // generated object waits for its CRC to be computed.
    object.crc64(vertx).onComplete(crc -> serve(ex, object, range, crc, boundDomain));
  }

  /** The 200 or 206 answer (headers only for HEAD), with the whole object's CRC-64 either way. */
  private void serve(Exchange ex, StoredObject object, RangeSpec range, AsyncResult<Long> crc, boolean boundDomain) {
    HttpServerRequest request = ex.request();
    HttpServerResponse response = ex.response();
    if (response.closed()) {
      return; // the client left while the CRC was computed
    }
    if (crc.failed()) {
      ex.sendError(new OssError(500, "InternalError", "cannot compute the object's CRC-64: " + crc.cause().getMessage()));
      return;
    }
    putObjectHeaders(response, object, crc.result(), boundDomain);
    applyOverrides(request, response);
    long start = 0;
    long length = object.size();
    if (range.kind() == RangeSpec.Kind.PARTIAL) {
      start = range.start();
      length = range.length();
      response.setStatusCode(206);
      response.putHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + object.size());
    } else {
      response.setStatusCode(200);
    }
    response.putHeader("Content-Length", Long.toString(length));
    if (ex.isHead()) {
      response.end();
      return;
    }
    BodyWriter.send(vertx, ex, object.body(), start, length);
  }

  private static void putObjectHeaders(HttpServerResponse response, StoredObject object, long crc64, boolean boundDomain) {
    response.putHeader("Accept-Ranges", "bytes");
    response.putHeader("Content-Type", object.contentType());
    response.putHeader("x-oss-object-type", object.objectType());
    response.putHeader(Crc64Ecma.HEADER, Crc64Ecma.toHeader(crc64));
    response.putHeader("x-oss-storage-class", "Standard");
    object.userMetadata().forEach(response::putHeader);
    if (object.contentDisposition().isPresent()) {
      response.putHeader("Content-Disposition", object.contentDisposition().get());
    }
    if (!boundDomain && FORCED_DOWNLOAD_TYPES.contains(baseType(object.contentType()))) {
      response.putHeader("x-oss-force-download", "true");
      if (object.contentDisposition().isEmpty()) {
        response.putHeader("Content-Disposition", "attachment");
      }
    }
  }

  private static void applyOverrides(HttpServerRequest request, HttpServerResponse response) {
    RESPONSE_OVERRIDES.forEach((param, header) -> {
      String value = request.getParam(param);
      if (value != null) {
        response.putHeader(header, value);
      }
    });
  }

  /** 412 or 304 when a precondition decides the answer; empty to serve normally. */
  private static Optional<Integer> conditional(MultiMap headers, StoredObject object) {
    String ifMatch = headers.get("If-Match");
    if (ifMatch != null && !etagMatches(ifMatch, object.etag())) {
      return Optional.of(412);
    }
    Instant unmodifiedSince = date(headers.get("If-Unmodified-Since"));
    if (ifMatch == null && unmodifiedSince != null && object.lastModified().isAfter(unmodifiedSince)) {
      return Optional.of(412);
    }
    String ifNoneMatch = headers.get("If-None-Match");
    if (ifNoneMatch != null) {
      return etagMatches(ifNoneMatch, object.etag()) ? Optional.of(304) : Optional.empty();
    }
    Instant modifiedSince = date(headers.get("If-Modified-Since"));
    if (modifiedSince != null && !object.lastModified().isAfter(modifiedSince)) {
      return Optional.of(304);
    }
    return Optional.empty();
  }

  static boolean etagMatches(String headerValue, String etag) {
    String bare = unquote(etag);
    for (String candidate : headerValue.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || unquote(c).equalsIgnoreCase(bare)) {
        return true;
      }
    }
    return false;
  }

  static String unquote(String etag) {
    String e = etag.trim().replace("&quot;", "\"");
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  private static Instant date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.from(HTTP_DATE.parse(value.trim()));
    } catch (DateTimeParseException e) {
      return null; // an unparsable date is ignored, as HTTP servers do
    }
  }

  private static String baseType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
