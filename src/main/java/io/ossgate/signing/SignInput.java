package io.ossgate.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a signer needs about one request, as a value (STYLE P9).
 *
 * @param method HTTP method, e.g. {@code GET}
 * @param bucket the bucket the request addresses, or {@code null} for service-level requests; it
 *     is signed whatever the Host (oss-reference §3, §4)
 * @param key the object key, raw (not URL-encoded), or {@code null}/empty for bucket requests
 * @param region the region id for the V4 scope ({@code cn-hangzhou}); unused by V1
 * @param headers request headers; names are lowercased and values of names that differ only in
 *     case are joined with {@code ,}
 * @param query decoded query parameters in wire order (order does not affect signatures)
 * @param additionalHeaders V4 additional headers to sign (any case); names that are absent or
 *     signed anyway are dropped by the signer
 * @param signTime the signing time; signers never read a clock
 */
public record SignInput(
    String method,
    String bucket,
    String key,
    String region,
    SortedMap<String, String> headers,
    List<QueryParam> query,
    SortedSet<String> additionalHeaders,
    Instant signTime) {

  public SignInput {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(signTime, "signTime");
    headers = Collections.unmodifiableSortedMap(lowercase(headers == null ? Map.of() : headers));
    query = List.copyOf(query == null ? List.of() : query);
    additionalHeaders = Collections.unmodifiableSortedSet(
        lowercase(additionalHeaders == null ? List.of() : additionalHeaders));
  }

  /** Lowercases names; values of names equal ignoring case are joined with {@code ,}. */
  static SortedMap<String, String> lowercase(Map<String, String> headers) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      Objects.requireNonNull(e.getKey(), "header name");
      String value = e.getValue() == null ? "" : e.getValue();
      out.merge(e.getKey().toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static SortedSet<String> lowercase(Collection<String> names) {
    TreeSet<String> out = new TreeSet<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The header value, by lowercase name, or {@code null}. */
  public String header(String lowerName) {
    return headers.get(lowerName);
  }

  public static Builder builder(String method, Instant signTime) {
    return new Builder(method, signTime);
  }

  /** A convenience builder; {@link #header} may be called repeatedly for repeated headers. */
  public static final class Builder {
    private final String method;
    private final Instant signTime;
    private String bucket;
    private String key;
    private String region;
    private final TreeMap<String, String> headers = new TreeMap<>();
    private final List<QueryParam> query = new ArrayList<>();
    private final List<String> additional = new ArrayList<>();

    private Builder(String method, Instant signTime) {
      this.method = method;
      this.signTime = signTime;
    }

    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    public Builder key(String key) {
      this.key = key;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Adds a header; a repeated name (any case) joins the values with {@code ,}. */
    public Builder header(String name, String value) {
      headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
      return this;
    }

    public Builder headers(Map<String, String> all) {
      all.forEach(this::header);
      return this;
    }

    public Builder query(String name, String value) {
      query.add(QueryParam.of(name, value));
      return this;
    }

    public Builder query(List<QueryParam> params) {
      query.addAll(params);
      return this;
    }

    public Builder additionalHeaders(Collection<String> names) {
      additional.addAll(names);
      return this;
    }

    public SignInput build() {
      return new SignInput(method, bucket, key, region, headers, query,
          new TreeSet<>(additional), signTime);
    }
  }
}
