package io.ossgate.oss;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The OSS operation a request performs, as far as retry safety goes (oss-reference §8). Classified
 * from the method and the names of the query parameters only, so it never needs the body.
 */
public enum OssOperation {
  READ(true),                  // GET/HEAD objects, listings, ListParts, metadata
  PUT_OBJECT(true),            // PutObject, CopyObject, UploadPart(Copy): same bytes overwrite
  DELETE(true),                // DeleteObject, AbortMultipartUpload
  INITIATE_MULTIPART(true),    // a fresh UploadId each time, harmless
  DELETE_MULTIPLE(true),       // POST /?delete
  APPEND(false),               // a retry after an unseen success gets PositionNotEqualToLength
  COMPLETE_MULTIPART(false),   // the uploadId is gone after success: a retry gets NoSuchUpload
  OTHER_POST(false),           // unknown POSTs (callbacks, restore, select...): not repeated
  OTHER(false);

  private final boolean retrySafe;

  OssOperation(boolean retrySafe) {
    this.retrySafe = retrySafe;
  }

  /** True when sending the same request twice cannot do harm beyond the first time. */
  public boolean retrySafe() {
    return retrySafe;
  }

  /** Classifies from the method and the raw query string (may be null). */
  public static OssOperation classify(String method, String rawQuery) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD", "OPTIONS" -> READ;
      case "PUT" -> PUT_OBJECT;
      case "DELETE" -> DELETE;
      case "POST" -> {
        Set<String> params = paramNames(rawQuery); // only POSTs need them
        if (params.contains("append")) yield APPEND;
        if (params.contains("uploads")) yield INITIATE_MULTIPART;
        if (params.contains("uploadid")) yield COMPLETE_MULTIPART;
        if (params.contains("delete")) yield DELETE_MULTIPLE;
        yield OTHER_POST;
      }
      default -> OTHER;
    };
  }

  private static Set<String> paramNames(String rawQuery) {
    Set<String> names = new HashSet<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return names;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      names.add((eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
