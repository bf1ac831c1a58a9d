package io.ossgate.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An object's metadata as the emulator stores and serves it.
 *
 * <p>{@code etag} is quoted as on the wire ({@code "HEX"} or {@code "HEX-N"} for multipart);
 * {@code userMetadata} maps lower-case {@code x-oss-meta-*} header names to values.
 */
public final class StoredObject {

  private final String key;
  private final String etag;
  private final Instant lastModified;
  private final String contentType;
  private final Optional<String> contentDisposition;
  private final Map<String, String> userMetadata;
  private final String objectType;
  private final ObjectBody body;
  private final ObjectCrc crc64;

  StoredObject(String key, String etag, Instant lastModified, String contentType,
      Optional<String> contentDisposition, Map<String, String> userMetadata, String objectType, ObjectBody body,
      ObjectCrc crc64) {
    this.key = Objects.requireNonNull(key, "key");
    this.etag = Objects.requireNonNull(etag, "etag");
    this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.contentDisposition = Objects.requireNonNull(contentDisposition, "contentDisposition");
    this.userMetadata = Map.copyOf(userMetadata);
    this.objectType = Objects.requireNonNull(objectType, "objectType");
    this.body = Objects.requireNonNull(body, "body");
    this.crc64 = Objects.requireNonNull(crc64, "crc64");
  }

  public String key() {
    return key;
  }

  public long size() {
    return body.size();
  }

  public String etag() {
    return etag;
  }

  /** Second precision, as Last-Modified carries it. */
  public Instant lastModified() {
    return lastModified;
  }

  public String contentType() {
    return contentType;
  }

  public Optional<String> contentDisposition() {
    return contentDisposition;
  }

  public Map<String, String> userMetadata() {
    return userMetadata;
  }

  /** {@code Normal} or {@code Multipart}, as in {@code x-oss-object-type}. */
  public String objectType() {
    return objectType;
  }

  ObjectBody body() {
    return body;
  }

  /** CRC-64 of the whole body ({@code x-oss-hash-crc64ecma}); see {@link ObjectCrc} for when it is ready. */
  Future<Long> crc64(Vertx vertx) {
    return crc64.get(vertx);
  }

  /**
   * Computes the CRC-64 now, off the event loop, if it is not known yet: then the first GET does
   * not wait for it. A real OSS answers such a GET at once; an emulator that made the first read of
   * a 256 MiB object wait a quarter of a second would teach the gateway a latency peak OSS never has.
   */
  public Future<Void> prepareCrc64(Vertx vertx) {
    return crc64.get(vertx).mapEmpty();
  }
}
