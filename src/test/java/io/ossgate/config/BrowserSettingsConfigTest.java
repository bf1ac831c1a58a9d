package io.ossgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ossgate.server.CheckCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** sites[].index-document, error-document and cors: parsing, defaults, key-path errors, check output. */
class BrowserSettingsConfigTest {

  private static String site(String extra) {
    return """
        sites:
          - name: static
            domains: [static.example.com]
            bucket: example-bucket
            region: ap-southeast-1
            endpoints: [internet]
        """ + extra.indent(4);
  }

  private static List<String> problems(String extra) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(site(extra), "t.yaml")).problems();
  }

  @Test
  void absentKeysMeanNoBrowserRules() {
    SiteSettings s = ConfigLoader.parse(site(""), "t.yaml").sites().get(0);
    assertThat(s.browser()).isEqualTo(BrowserSettings.NONE);
    assertThat(s.preview()).isEqualTo(PreviewMode.INLINE);
  }

  @Test
  void fullBrowserSettings() {
    GatewayConfig config = ConfigLoader.parse(site("""
        index-document: index.html
        error-document: errors/404.html
        cors:
          allowed-origins: [https://App.example.com/, "https://*.example.org"]
          allowed-methods: [get, HEAD, put]
          allowed-headers: [Content-Type, x-oss-meta-a]
          expose-headers: [ETag, x-oss-request-id]
          max-age: 10m
          allow-credentials: true
        """), "t.yaml");
    BrowserSettings b = config.sites().get(0).browser();
    assertThat(b.indexDocument()).contains("index.html");
    assertThat(b.errorDocument()).contains("errors/404.html");
    assertThat(b.cors()).contains(new CorsSettings(List.of("https://app.example.com", "https://*.example.org"),
        List.of("GET", "HEAD", "PUT"), List.of("content-type", "x-oss-meta-a"), List.of("ETag", "x-oss-request-id"),
        Optional.of(Duration.ofMinutes(10)), true));
    String check = CheckCommand.render(config, "t.yaml");
    assertThat(check).contains("  index-document: index.html", "  error-document: errors/404.html",
        "    allowed-origins: https://app.example.com, https://*.example.org",
        "    allowed-methods: GET, HEAD, PUT", "    max-age: 10m, allow-credentials: true");
  }

  @Test
  void corsDefaults() {
    CorsSettings c = ConfigLoader.parse(site("cors: {allowed-origins: ['*']}"), "t.yaml").sites().get(0).browser()
        .cors().orElseThrow();
    assertThat(c.allowedMethods()).containsExactly("GET", "HEAD");
    assertThat(c.allowedHeaders()).isEmpty();
    assertThat(c.maxAge()).isEmpty();
    assertThat(c.allowCredentials()).isFalse();
  }

  @Test
  void mistakesNameTheirKeyPath() {
    assertThat(problems("index-document: a/index.html")).singleElement().asString()
        .startsWith("sites[0].index-document: 'a/index.html' (expected: an object name");
    assertThat(problems("error-document: ../x.html")).singleElement().asString()
        .startsWith("sites[0].error-document: '../x.html'");
    assertThat(problems("cors: {allowed-origins: [https://a.com/path]}")).singleElement().asString()
        .startsWith("sites[0].cors.allowed-origins[0]: 'https://a.com/path' (expected: *, an origin");
    assertThat(problems("cors: {allowed-origins: ['*'], allowed-methods: [PATCH]}")).singleElement().asString()
        .startsWith("sites[0].cors.allowed-methods[0]: 'PATCH' (expected one of: GET, HEAD, PUT, POST, DELETE)");
    assertThat(problems("cors: {allowed-origins: ['*'], allow-credentials: true}")).singleElement().asString()
        .startsWith("sites[0].cors.allow-credentials: true with allowed-origins '*'");
    assertThat(problems("cors: {allowed-methods: [GET]}")).singleElement().asString()
        .startsWith("sites[0].cors.allowed-origins: missing");
    assertThat(problems("cors: {allowed-origins: ['*'], max-age: soon}")).singleElement().asString()
        .startsWith("sites[0].cors.max-age: 'soon'");
    assertThat(problems("cors: {allowed-origins: ['*'], allowed-header: [a]}")).singleElement().asString()
        .startsWith("sites[0].cors.allowed-header: unknown key");
    assertThat(problems("cors: [a]")).singleElement().asString().startsWith("sites[0].cors: expected a mapping");
  }
}
