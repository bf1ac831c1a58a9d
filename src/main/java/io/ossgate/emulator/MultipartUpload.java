package io.ossgate.emulator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An initiated multipart upload and its uploaded parts, until a Complete or an Abort ends it.
 * Thread-safe: the endpoints' event loops share it. Once ended, its parts never change, so a part
 * that arrives late (a re-upload racing a Complete) can neither join nor delete the file of a part
 * the completed object is made of.
 */
final class MultipartUpload {

  /** One uploaded part; {@code md5} is the raw digest, {@code etag} its quoted uppercase hex. */
  record Part(int number, Path file, long size, byte[] md5, String etag) {}

  private final String id;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final Optional<String> contentDisposition;
  private final Map<String, String> userMetadata;
  private final Map<Integer, Part> parts = new HashMap<>(); // guarded by this
  private boolean ended; // guarded by this

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

  /**
   * Stores a part unless the upload has ended.
   *
   * @param replaced given the part of the same number this one replaces, if any (its file is no
   *     longer needed)
   * @return false when the upload was completed or aborted first: nothing was stored
   */
  synchronized boolean putPart(Part part, Consumer<Part> replaced) {
    if (ended) {
      return false;
    }
    Part old = parts.put(part.number(), part);
    if (old != null) {
      replaced.accept(old);
    }
    return true;
  }

  /** The parts uploaded so far (a copy). */
  synchronized Map<Integer, Part> parts() {
    return Map.copyOf(parts);
  }

  /** Ends the upload (for its Complete or Abort, which removed it from the store) and returns its final parts. */
  synchronized Map<Integer, Part> end() {
    ended = true;
    return Map.copyOf(parts);
  }
}
