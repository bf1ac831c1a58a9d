package io.ossgate.health;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ossgate.common.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Sizes and ETags of objects seen in recent responses, so routing can weigh throughput for a GET
 * without a Range header. Bounded and expiring; a stale size only skews one ranking.
 * Thread-safe (Caffeine).
 */
public final class ObjectSizeCache {

  /** Cache key: bucket name and object key (no version: sizes are hints, not answers). */
  public record Key(String bucket, String key) {
    public Key {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
    }
  }

  /** What was seen: total object size in bytes, and the ETag (opaque, may be null). */
  public record ObjectSize(long bytes, String etag) {}

  private final Cache<Key, ObjectSize> cache;

  /**
   * @param executor Caffeine's maintenance executor; tests pass {@code Runnable::run}
   */
  public ObjectSizeCache(Ticker ticker, long maxEntries, Duration ttl, Executor executor) {
    Objects.requireNonNull(ticker, "ticker");
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfterWrite(ttl)
        .ticker(ticker::nanos)
        .executor(executor)
        .build();
  }

  /** 100 000 entries for 10 minutes. */
  public static ObjectSizeCache create(Ticker ticker) {
    return new ObjectSizeCache(ticker, 100_000, Duration.ofMinutes(10),
        java.util.concurrent.ForkJoinPool.commonPool());
  }

  /** Records a size learnt from Content-Length of a 200 or the total in Content-Range of a 206. */
  public void record(String bucket, String key, long bytes, String etag) {
    if (bytes < 0) {
      return;
    }
    Key k = new Key(bucket, key);
    ObjectSize seen = cache.getIfPresent(k);
    // The same object is usually seen again unchanged: a read is much cheaper than a write.
    if (seen == null || seen.bytes() != bytes || !Objects.equals(seen.etag(), etag)) {
      cache.put(k, new ObjectSize(bytes, etag));
    }
  }

  public Optional<ObjectSize> lookup(String bucket, String key) {
    return Optional.ofNullable(cache.getIfPresent(new Key(bucket, key)));
  }

  /** Forget an object (after a PUT, DELETE or an ETag mismatch). */
  public void invalidate(String bucket, String key) {
    cache.invalidate(new Key(bucket, key));
  }

  public long estimatedSize() {
    return cache.estimatedSize();
  }
}
