package io.ossgate.oss;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code <Code>} of an OSS error from its XML body or from the HEAD-only {@code x-oss-err} header. */
public final class OssErrorParser {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");
  private static final int MAX_HEADER_CHARS = 256 * 1024;

  private OssErrorParser() {}

  /** The code in an XML error body, or null. */
  public static String code(String xml) {
    if (xml == null) {
      return null;
    }
    Matcher m = CODE.matcher(xml);
    return m.find() ? m.group(1) : null;
  }

  /** The code in an {@code x-oss-err} header (base64 of the XML error), or null. */
  public static String codeFromErrHeader(String base64) {
    if (base64 == null || base64.length() > MAX_HEADER_CHARS) {
      return null;
    }
    try {
      return code(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
