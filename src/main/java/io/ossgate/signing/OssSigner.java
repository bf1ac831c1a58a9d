package io.ossgate.signing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Signs OSS requests. Implementations are pure functions of their arguments (the time is in the
 * input) and thread-safe.
 */
public interface OssSigner {

  /**
   * The headers to add to the request for header authentication (names as OSS writes them,
   * e.g. {@code Authorization}, {@code x-oss-date}). Headers already in the input that the
   * signature covers must be sent unchanged.
   */
  Map<String, String> signHeaders(SignInput input, Credentials credentials);

  /**
   * The query parameters (decoded) to append for a presigned URL valid for {@code expires} from
   * the sign time, the signature last. Render with {@link QueryStrings#render}.
   */
  List<QueryParam> presign(SignInput input, Credentials credentials, Duration expires);
}
