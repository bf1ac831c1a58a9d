package io.ossgate.auth;

import io.ossgate.config.SiteAccess;
import io.ossgate.oss.OssError;
import io.ossgate.proxy.ClientRequest;
import io.ossgate.proxy.SitePolicy;
import java.util.Objects;
import java.util.Optional;

/** {@code sites[].methods}: other methods get 405 {@code MethodNotAllowed} without reaching OSS. */
public final class MethodPolicy implements SitePolicy {

  private final String siteName;
  private final SiteAccess access;

  public MethodPolicy(String siteName, SiteAccess access) {
    this.siteName = Objects.requireNonNull(siteName, "siteName");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public Optional<OssError> reject(ClientRequest request) {
    String method = request.method().name();
    if (access.allows(method)) {
      return Optional.empty();
    }
    return Optional.of(new OssError(405, "MethodNotAllowed", "The method " + method + " is not allowed on site '"
        + siteName + "' (sites[].methods: " + access.describeMethods() + ")."));
  }

  @Override
  public String toString() {
    return "MethodPolicy[" + access.describeMethods() + "]";
  }
}
