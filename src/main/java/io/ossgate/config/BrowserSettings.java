package io.ossgate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A site's rules for browsers (besides {@code preview}): static-website documents and CORS, read
 * from {@code sites[].index-document}, {@code sites[].error-document} and {@code sites[].cors}.
 *
 * @param indexDocument object name fetched for a GET/HEAD of {@code /} or {@code dir/}, e.g.
 *     {@code index.html}; a plain name without {@code /}
 * @param errorDocument object key whose body answers a 404 from OSS, e.g. {@code error.html}
 * @param cors CORS answered by the gateway itself; empty leaves CORS to OSS's bucket rules
 */
public record BrowserSettings(Optional<String> indexDocument, Optional<String> errorDocument,
    Optional<CorsSettings> cors) {

  /** No index or error document, no CORS: the plain pass-through. */
  public static final BrowserSettings NONE = new BrowserSettings(Optional.empty(), Optional.empty(), Optional.empty());

  public BrowserSettings {
    Objects.requireNonNull(indexDocument, "indexDocument");
    Objects.requireNonNull(errorDocument, "errorDocument");
    Objects.requireNonNull(cors, "cors");
  }
}
