package io.ossgate.emulator;

import io.ossgate.oss.BucketName;
import io.ossgate.oss.Crc64Ecma;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The objects of every emulated bucket, shared by all endpoint listeners. Thread-safe: listeners
 * on different event loops and test threads use it at once. Uploaded bodies live in files under
 * one temporary directory; replaced or deleted files are removed asynchronously.
 */
public final class ObjectStore {

  private static final String DEFAULT_TYPE = "application/octet-stream";

  private final Vertx vertx;
  private final Path dir;
  private final Map<String, ConcurrentSkipListMap<String, StoredObject>> buckets;
  private final ConcurrentMap<String, MultipartUpload> uploads = new ConcurrentHashMap<>();

  ObjectStore(Vertx vertx, Path dir, List<BucketSettings> bucketSettings) {
    this.vertx = vertx;
    this.dir = dir;
    Map<String, ConcurrentSkipListMap<String, StoredObject>> map = new java.util.HashMap<>();
    for (BucketSettings b : bucketSettings) {
      map.put(b.name().value(), new ConcurrentSkipListMap<>());
    }
    this.buckets = Map.copyOf(map);
  }

  /** Stores a small object held in memory; the ETag is its uppercase hex MD5. */
  public StoredObject put(String bucket, String key, byte[] data, String contentType) {
    StoredObject object = new StoredObject(key, quote(hex(md5(data))), now(), typeOrDefault(contentType),
        Optional.empty(), Map.of(), "Normal", new ObjectBody.Memory(Buffer.buffer(data)),
        ObjectCrc.known(Crc64Ecma.of(data)));
    commit(bucket, object);
    return object;
  }

  /**
   * Stores an object of {@code size} bytes whose content is {@link GeneratedContent} for
   * {@code seed}; nothing is materialised. Its ETag is derived from (seed, size), not an MD5. Its
   * CRC-64 is left for the first GET or HEAD to compute (about a second per GiB), not done here.
   */
  public StoredObject putGenerated(String bucket, String key, long size, long seed, String contentType) {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
    String etag = quote(hex(md5(("generated:" + seed + ":" + size).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    GeneratedContent content = GeneratedContent.of(seed);
    StoredObject object = new StoredObject(key, etag, now(), typeOrDefault(contentType), Optional.empty(),
        Map.of(), "Normal", new ObjectBody.Generated(content, size), ObjectCrc.lazy(() -> content.crc64(size)));
    commit(bucket, object);
    return object;
  }

  public Optional<StoredObject> get(String bucket, String key) {
    return Optional.ofNullable(objects(bucket).get(key));
  }

  /** Removes an object; false when there was none. */
  public boolean delete(String bucket, String key) {
    StoredObject old = objects(bucket).remove(key);
    release(old);
    return old != null;
  }

  /** The keys of a bucket in listing order. */
  public List<String> keys(String bucket) {
    return List.copyOf(objects(bucket).keySet());
  }

  public boolean hasBucket(BucketName bucket) {
    return buckets.containsKey(bucket.value());
  }

  // ---- package-private: used by the request handlers

  NavigableMap<String, StoredObject> objects(String bucket) {
    ConcurrentSkipListMap<String, StoredObject> objects = buckets.get(bucket);
    if (objects == null) {
      throw new IllegalArgumentException("no such bucket in the emulator: " + bucket);
    }
    return objects;
  }

  void commit(String bucket, StoredObject object) {
    release(objects(bucket).put(object.key(), object));
  }

  /** A fresh path in the store's directory; the file itself is created by the caller. */
  Path newFile() {
    return dir.resolve(UUID.randomUUID().toString());
  }

  Path dir() {
    return dir;
  }

  MultipartUpload initiate(String bucket, String key, String contentType, Optional<String> disposition,
      Map<String, String> userMetadata) {
    String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    MultipartUpload upload = new MultipartUpload(id, bucket, key, typeOrDefault(contentType), disposition, userMetadata);
    uploads.put(id, upload);
    return upload;
  }

  /** The upload with this id, if it belongs to (bucket, key). */
  Optional<MultipartUpload> upload(String id, String bucket, String key) {
    MultipartUpload u = id == null ? null : uploads.get(id);
    return u != null && u.bucket().equals(bucket) && u.key().equals(key) ? Optional.of(u) : Optional.empty();
  }

  /** Forgets an upload; true when this call removed it (completion and abort race safely). */
  boolean removeUpload(MultipartUpload upload) {
    return uploads.remove(upload.id(), upload);
  }

  void deleteFile(Path file) {
    vertx.fileSystem().delete(file.toString());
  }

  private void release(StoredObject old) {
    if (old != null && old.body() instanceof ObjectBody.Files files) {
      files.segments().forEach(s -> deleteFile(s.file()));
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  static String typeOrDefault(String contentType) {
    return contentType == null || contentType.isBlank() ? DEFAULT_TYPE : contentType;
  }

  static String quote(String hex) {
    return "\"" + hex + "\"";
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  static byte[] md5(byte[] data) {
    return newDigest("MD5").digest(data);
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }
}
