package io.ossgate.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.util.List;

/**
 * Pull-based reads of an object's bytes at increasing positions. Memory and generated bodies answer
 * with already-completed futures (slices, no copies); file bodies read asynchronously.
 */
interface ChunkSource {

  /** Up to {@code max} bytes at {@code position} (at least one unless at the end). */
  Future<Buffer> read(long position, int max);

  void close();

  static ChunkSource of(Vertx vertx, ObjectBody body) {
    if (body instanceof ObjectBody.Memory m) {
      return new ChunkSource() {
        @Override
        public Future<Buffer> read(long position, int max) {
          int from = (int) position;
          return Future.succeededFuture(m.data().slice(from, (int) Math.min(m.data().length(), from + (long) max)));
        }

        @Override
        public void close() {
        }
      };
    }
    if (body instanceof ObjectBody.Generated g) {
      return new ChunkSource() {
        @Override
        public Future<Buffer> read(long position, int max) {
          int n = (int) Math.min(Math.min(max, g.content().maxChunk(position)), g.size() - position);
          return Future.succeededFuture(g.content().slice(position, n));
        }

        @Override
        public void close() {
        }
      };
    }
    return new FileChunks(vertx, ((ObjectBody.Files) body).segments());
  }

  /** Reads across the segment files of an object, one open file at a time. */
  final class FileChunks implements ChunkSource {
    private final Vertx vertx;
    private final List<ObjectBody.Segment> segments;
    private int index = -1;
    private long segmentStart;
    private Future<AsyncFile> file;

    FileChunks(Vertx vertx, List<ObjectBody.Segment> segments) {
      this.vertx = vertx;
      this.segments = segments;
    }

    @Override
    public Future<Buffer> read(long position, int max) {
      if (index < 0 || position >= segmentStart + segments.get(index).size() || position < segmentStart) {
        seek(position);
      }
      long inSegment = position - segmentStart;
      int n = (int) Math.min(max, segments.get(index).size() - inSegment);
      return file.compose(f -> f.read(Buffer.buffer(n), 0, inSegment, n));
    }

    private void seek(long position) {
      close();
      long start = 0;
      for (int i = 0; i < segments.size(); i++) {
        long size = segments.get(i).size();
        if (position < start + size) {
          index = i;
          segmentStart = start;
          file = vertx.fileSystem().open(segments.get(i).file().toString(), new OpenOptions().setRead(true));
          return;
        }
        start += size;
      }
      throw new IllegalArgumentException("position " + position + " past the object end " + start);
    }

    @Override
    public void close() {
      if (file != null) {
        file.onSuccess(AsyncFile::close);
        file = null;
      }
    }
  }
}
