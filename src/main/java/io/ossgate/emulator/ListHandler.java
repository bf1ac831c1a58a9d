package io.ossgate.emulator;

import static io.ossgate.emulator.ObjectWriter.element;

import io.ossgate.oss.OssError;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** ListObjects (v1, {@code GET /}) and ListObjectsV2 ({@code GET /?list-type=2}). */
final class ListHandler {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private record Page(List<StoredObject> contents, List<String> prefixes, boolean truncated, String resumeAfter) {}

  private final ObjectStore store;

  ListHandler(ObjectStore store) {
    this.store = store;
  }

  void list(Exchange ex, BucketSettings bucket) {
    HttpServerRequest r = ex.request();
    boolean v2 = "2".equals(r.getParam("list-type"));
    String prefix = param(r, "prefix");
    String delimiter = param(r, "delimiter");
    int maxKeys;
    try {
      maxKeys = r.getParam("max-keys") == null ? 100 : Integer.parseInt(r.getParam("max-keys"));
    } catch (NumberFormatException e) {
      maxKeys = -1;
    }
    if (maxKeys < 0 || maxKeys > 1000) {
      ex.sendError(OssError.invalidArgument("max-keys must be an integer from 0 to 1000."));
      return;
    }
    String after = v2 ? param(r, "start-after") : param(r, "marker");
    String token = r.getParam("continuation-token");
    if (v2 && token != null) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        after = decoded.compareTo(after) > 0 ? decoded : after;
      } catch (IllegalArgumentException e) {
        ex.sendError(OssError.invalidArgument("The continuation token provided is incorrect."));
        return;
      }
    }
    Page page = page(store.objects(bucket.name().value()), prefix, delimiter, after, maxKeys);
    boolean url = "url".equals(r.getParam("encoding-type"));
    StringBuilder xml = new StringBuilder(512 + 300 * page.contents().size());
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>\n");
    xml.append(element("Name", bucket.name().value()));
    xml.append(element("Prefix", enc(prefix, url)));
    if (v2) {
      if (r.getParam("start-after") != null) {
        xml.append(element("StartAfter", enc(param(r, "start-after"), url)));
      }
      if (token != null) {
        xml.append(element("ContinuationToken", token));
      }
    } else {
      xml.append(element("Marker", enc(param(r, "marker"), url)));
    }
    xml.append(element("MaxKeys", Integer.toString(maxKeys)));
    if (!delimiter.isEmpty()) {
      xml.append(element("Delimiter", enc(delimiter, url)));
    }
    if (url) {
      xml.append(element("EncodingType", "url"));
    }
    xml.append(element("IsTruncated", Boolean.toString(page.truncated())));
    if (page.truncated()) {
      xml.append(v2
          ? element("NextContinuationToken",
              Base64.getUrlEncoder().withoutPadding().encodeToString(page.resumeAfter().getBytes(StandardCharsets.UTF_8)))
          : element("NextMarker", enc(page.resumeAfter(), url)));
    }
    if (v2) {
      xml.append(element("KeyCount", Integer.toString(page.contents().size() + page.prefixes().size())));
    }
    for (StoredObject o : page.contents()) {
      xml.append("  <Contents>\n")
          .append(element("Key", enc(o.key(), url)))
          .append(element("LastModified", ISO.format(o.lastModified())))
          .append(element("ETag", o.etag()))
          .append(element("Type", o.objectType()))
          .append(element("Size", Long.toString(o.size())))
          .append(element("StorageClass", "Standard"))
          .append("  </Contents>\n");
    }
    for (String p : page.prefixes()) {
      xml.append("  <CommonPrefixes>\n").append(element("Prefix", enc(p, url))).append("  </CommonPrefixes>\n");
    }
    xml.append("</ListBucketResult>\n");
    ex.discardBody(() -> ex.sendXml(xml.toString()));
  }

  private static Page page(NavigableMap<String, StoredObject> objects, String prefix, String delimiter,
      String after, int maxKeys) {
    List<StoredObject> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String start = after.compareTo(prefix) > 0 ? after : prefix;
    boolean inclusive = start.equals(prefix) && !start.equals(after);
    // After a common prefix, everything under it was already summarised by that prefix.
    String skipUnder = !delimiter.isEmpty() && after.endsWith(delimiter) && after.startsWith(prefix) ? after : null;
    String last = null;
    for (Map.Entry<String, StoredObject> e : objects.tailMap(start, inclusive).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      if (skipUnder != null && key.startsWith(skipUnder)) {
        continue;
      }
      String entry = key;
      boolean isPrefix = false;
      if (!delimiter.isEmpty()) {
        int d = key.indexOf(delimiter, prefix.length());
        if (d >= 0) {
          entry = key.substring(0, d + delimiter.length());
          isPrefix = true;
          if (entry.equals(last)) {
            continue;
          }
        }
      }
      if (contents.size() + prefixes.size() >= maxKeys) {
        return new Page(contents, prefixes, true, last == null ? after : last);
      }
      if (isPrefix) {
        prefixes.add(entry);
      } else {
        contents.add(e.getValue());
      }
      last = entry;
    }
    return new Page(contents, prefixes, false, null);
  }

  private static String param(HttpServerRequest r, String name) {
    String v = r.getParam(name);
    return v == null ? "" : v;
  }

  private static String enc(String value, boolean url) {
    return url ? urlEncode(value) : value;
  }

  /** Percent-encodes all but unreserved characters and '/' (uppercase hex), as OSS does. */
  static String urlEncode(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}
