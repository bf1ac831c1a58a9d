package io.ossgate.server;

import io.ossgate.config.BrowserSettings;
import io.ossgate.config.CorsSettings;
import io.ossgate.config.Units;
import java.io.PrintWriter;

/** How {@code check} prints a site's browser settings (index/error documents, CORS). */
final class BrowserSettingsView {
  private BrowserSettingsView() {}

  static void render(BrowserSettings b, PrintWriter out) {
    out.println("  index-document: " + b.indexDocument().orElse("(none)"));
    out.println("  error-document: " + b.errorDocument().orElse("(none)"));
    if (b.cors().isEmpty()) {
      out.println("  cors: (none; OSS's bucket CORS rules apply)");
      return;
    }
    CorsSettings c = b.cors().get();
    out.println("  cors: answered by the gateway");
    out.println("    allowed-origins: " + String.join(", ", c.allowedOrigins()));
    out.println("    allowed-methods: " + String.join(", ", c.allowedMethods()));
    out.println("    allowed-headers: " + (c.allowedHeaders().isEmpty() ? "(none)" : String.join(", ", c.allowedHeaders())));
    out.println("    expose-headers: " + (c.exposeHeaders().isEmpty() ? "(none)" : String.join(", ", c.exposeHeaders())));
    out.println("    max-age: " + c.maxAge().map(Units::formatDuration).orElse("(not sent)")
        + ", allow-credentials: " + c.allowCredentials());
  }
}
