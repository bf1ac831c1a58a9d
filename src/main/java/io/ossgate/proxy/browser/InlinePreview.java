package io.ossgate.proxy.browser;

import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * Undoes OSS's forced download (oss-reference §7) so browsers render HTML and images inline.
 *
 * <p>On its default domains OSS <em>adds</em> {@code x-oss-force-download: true} together with a
 * bare {@code Content-Disposition: attachment}. The rule here:
 * <ul>
 *   <li>only a response carrying {@code x-oss-force-download: true} is touched; that header is
 *       removed;
 *   <li>its {@code Content-Disposition} is removed only when it is exactly {@code attachment} (any
 *       case, no parameters). A disposition with parameters ({@code attachment; filename="a.png"},
 *       {@code inline}) is the object's own metadata and stays;
 *   <li>nothing is removed when the client asked for a disposition itself
 *       ({@code response-content-disposition} in the query).
 * </ul>
 *
 * <p>Uncertainty: an object whose stored metadata is a bare {@code attachment}, served on a default
 * domain, looks exactly like the forced one, so it is previewed inline too. OSS gives no way to tell
 * them apart in the response; store {@code attachment; filename=...} to force a download through
 * the gateway.
 */
public final class InlinePreview {

  static final String FORCE_DOWNLOAD = "x-oss-force-download";
  static final String CONTENT_DISPOSITION = "Content-Disposition";

  private InlinePreview() {}

  /**
   * Applies the rule to response {@code headers} in place.
   *
   * @param rawQuery the client's raw query string (without {@code ?}), or null
   * @return true when something was removed
   */
  public static boolean apply(MultiMap headers, String rawQuery) {
    String forced = headers.get(FORCE_DOWNLOAD);
    if (forced == null || !forced.trim().equalsIgnoreCase("true")) {
      return false;
    }
    headers.remove(FORCE_DOWNLOAD);
    if (!asksForDisposition(rawQuery) && headers.getAll(CONTENT_DISPOSITION).size() == 1
        && isBareAttachment(headers.get(CONTENT_DISPOSITION))) {
      headers.remove(CONTENT_DISPOSITION);
    }
    return true;
  }

  /** True for {@code attachment} alone, as OSS adds it: no filename or other parameter. */
  static boolean isBareAttachment(String disposition) {
    if (disposition == null) {
      return false;
    }
    String d = disposition.trim();
    if (d.endsWith(";")) {
      d = d.substring(0, d.length() - 1).trim();
    }
    return d.equalsIgnoreCase("attachment");
  }

  private static boolean asksForDisposition(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.equals("response-content-disposition")) {
        return true;
      }
    }
    return false;
  }
}
