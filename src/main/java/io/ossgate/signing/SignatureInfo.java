package io.ossgate.signing;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@link SignatureInspector} found on a request: its form, the access key id and the V4
 * additional headers it signs (lowercase). Used by the gateway to decide whether a client-signed
 * request may be sent to another domain of the same bucket (oss-reference §5).
 */
public record SignatureInfo(SignatureForm form, Optional<String> accessKeyId,
    SortedSet<String> additionalHeaders) {

  public SignatureInfo {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    additionalHeaders = Collections.unmodifiableSortedSet(new TreeSet<>(additionalHeaders));
  }

  /** A request that carries no signature at all. */
  public static final SignatureInfo ANONYMOUS = of(SignatureForm.ANONYMOUS, null, new TreeSet<>());

  static SignatureInfo of(SignatureForm form, String accessKeyId, SortedSet<String> additional) {
    return new SignatureInfo(form, Optional.ofNullable(accessKeyId), additional);
  }

  /** True when the signature covers {@code Host}; {@link SignatureForm#UNSUPPORTED} counts as yes. */
  public boolean signsHost() {
    return form == SignatureForm.UNSUPPORTED || additionalHeaders.contains("host");
  }

  /** True when the signature covers {@code Range}, so the gateway must not split or change it. */
  public boolean signsRange() {
    return form == SignatureForm.UNSUPPORTED || additionalHeaders.contains("range");
  }

  /** True when the request is signed at all (or claims to be). */
  public boolean signed() {
    return form != SignatureForm.ANONYMOUS;
  }

  /**
   * True when the request may go to another domain of the same bucket unchanged (internal,
   * accelerate, internet): anonymous, or signed without {@code host}.
   */
  public boolean retargetable() {
    return !signsHost();
  }
}
