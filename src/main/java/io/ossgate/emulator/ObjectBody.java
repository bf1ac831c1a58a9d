package io.ossgate.emulator;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.List;

/** Where a stored object's bytes live. Never the whole of a large object in memory. */
sealed interface ObjectBody {

  long size();

  /** Small objects put through the Java API. */
  record Memory(Buffer data) implements ObjectBody {
    @Override
    public long size() {
      return data.length();
    }
  }

  /** Objects uploaded over HTTP: one file per simple PUT, one per part for multipart objects. */
  record Files(List<Segment> segments, long size) implements ObjectBody {
    public Files {
      segments = List.copyOf(segments);
    }

    static Files of(List<Segment> segments) {
      return new Files(segments, segments.stream().mapToLong(Segment::size).sum());
    }
  }

  /** A file holding bytes {@code [0, size)} of an object segment. */
  record Segment(Path file, long size) {}

  /** Content generated on the fly from a seed ({@link GeneratedContent}). */
  record Generated(GeneratedContent content, long size) implements ObjectBody {}
}
