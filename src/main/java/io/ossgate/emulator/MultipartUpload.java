package io.ossgate.emulator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An initiated, not yet completed multipart upload and its uploaded parts. Thread-safe. */
final class MultipartUpload {

  /** One uploaded part; {@code md5} is the raw digest, {@code etag} its quoted uppercase hex. */
  record Part(int number, Path file, long size, byte[] md5, String etag) {}

  private final String id;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final Optional<String> contentDisposition;
  private final Map<String, String> userMetadata;
  private final ConcurrentMap<Integer, Part> parts = new ConcurrentHashMap<>();

  MultipartUpload(String id, String bucket, String key, String contentType,
      Optional<String> contentDisposition, Map<String, String> userMetadata) {
    this.id = id;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
    this.contentDisposition = contentDisposition;
    this.userMetadata = Map.copyOf(userMetadata);
  }

  String id() {
    return id;
  }

  String bucket() {
    return bucket;
  }

  String key() {
    return key;
  }

  String contentType() {
    return contentType;
  }

  Optional<String> contentDisposition() {
    return contentDisposition;
  }

  Map<String, String> userMetadata() {
    return userMetadata;
  }

  /** Stores a part; returns the part it replaced (same number uploaded again), if any. */
  Optional<Part> putPart(Part part) {
    return Optional.ofNullable(parts.put(part.number(), part));
  }

  Map<Integer, Part> parts() {
    return Map.copyOf(parts);
  }
}
