package io.ossgate.emulator;

import io.ossgate.oss.Crc64Ecma;
import io.ossgate.oss.OssError;
import io.ossgate.oss.Xml;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PutObject, DeleteObject and the multipart upload calls. Bodies stream into files with
 * backpressure while their MD5 and CRC-64 are computed incrementally; nothing large is held in
 * memory.
 */
final class ObjectWriter {

  private static final int MAX_COMPLETE_BODY = 1024 * 1024;
  /** Read buffer for the parts' CRC-64 at completion. */
  private static final int PART_READ_BYTES = 64 * 1024;
  private static final Pattern PART = Pattern.compile("<Part>(.*?)</Part>", Pattern.DOTALL);
  private static final Pattern PART_NUMBER = Pattern.compile("<PartNumber>\\s*(\\d+)\\s*</PartNumber>");
  private static final Pattern ETAG = Pattern.compile("<ETag>(.*?)</ETag>", Pattern.DOTALL);

  /** A body written to a file: where, how long, its MD5 and CRC-64. */
  private record Received(Path file, long size, byte[] md5, long crc64) {}

  private final Vertx vertx;
  private final ObjectStore store;

  ObjectWriter(Vertx vertx, ObjectStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void putObject(Exchange ex, BucketSettings bucket, String key) {
    receive(ex).onSuccess(received -> {
      MultiMap h = ex.request().headers();
      StoredObject object = new StoredObject(key, ObjectStore.quote(ObjectStore.hex(received.md5())), ObjectStore.now(),
          ObjectStore.typeOrDefault(h.get("Content-Type")), Optional.ofNullable(h.get("Content-Disposition")),
          userMetadata(h), "Normal", ObjectBody.Files.of(List.of(new ObjectBody.Segment(received.file(), received.size()))),
          ObjectCrc.known(received.crc64()));
      store.commit(bucket.name().value(), object);
      ex.response().putHeader("ETag", object.etag());
      ex.response().putHeader(Crc64Ecma.HEADER, Crc64Ecma.toHeader(received.crc64()));
      ex.sendEmpty(200);
    });
  }

  void deleteObject(Exchange ex, BucketSettings bucket, String key) {
    store.delete(bucket.name().value(), key);
    ex.sendEmpty(204);
  }

  void initiate(Exchange ex, BucketSettings bucket, String key) {
    MultiMap h = ex.request().headers();
    MultipartUpload upload = store.initiate(bucket.name().value(), key, h.get("Content-Type"),
        Optional.ofNullable(h.get("Content-Disposition")), userMetadata(h));
    boolean url = "url".equals(ex.request().getParam("encoding-type"));
    ex.discardBody(() -> ex.sendXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult>\n"
        + element("Bucket", bucket.name().value())
        + element("Key", url ? ListHandler.urlEncode(key) : key)
        + element("UploadId", upload.id())
        + (url ? element("EncodingType", "url") : "")
        + "</InitiateMultipartUploadResult>\n"));
  }

  void uploadPart(Exchange ex, BucketSettings bucket, String key) {
    HttpServerRequest request = ex.request();
    Optional<MultipartUpload> upload = store.upload(request.getParam("uploadId"), bucket.name().value(), key);
    if (upload.isEmpty()) {
      ex.sendError(noSuchUpload());
      return;
    }
    int number;
    try {
      number = Integer.parseInt(request.getParam("partNumber"));
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 10000) {
      ex.sendError(OssError.invalidArgument("Part number must be an integer between 1 and 10000, inclusive."));
      return;
    }
    int partNumber = number;
    receive(ex).onSuccess(received -> {
      String etag = ObjectStore.quote(ObjectStore.hex(received.md5()));
      var part = new MultipartUpload.Part(partNumber, received.file(), received.size(), received.md5(), etag);
      if (!upload.get().putPart(part, replaced -> store.deleteFile(replaced.file()))) {
        // Completed or aborted while this part arrived: as OSS, the upload no longer exists.
        store.deleteFile(part.file());
        ex.sendError(noSuchUpload());
        return;
      }
      ex.response().putHeader("ETag", etag);
      ex.response().putHeader(Crc64Ecma.HEADER, Crc64Ecma.toHeader(received.crc64()));
      ex.sendEmpty(200);
    });
  }

  void complete(Exchange ex, BucketSettings bucket, String key) {
    HttpServerRequest request = ex.request();
    Optional<MultipartUpload> found = store.upload(request.getParam("uploadId"), bucket.name().value(), key);
    if (found.isEmpty()) {
      ex.sendError(noSuchUpload());
      return;
    }
    MultipartUpload upload = found.get();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    ex.readBody(chunk -> {
      if (body.length() + chunk.length() > MAX_COMPLETE_BODY) {
        tooLarge[0] = true;
      } else {
        body.appendBuffer(chunk);
      }
    }, end -> {
      if (tooLarge[0]) {
        ex.sendError(new OssError(400, "MalformedXML", "The CompleteMultipartUpload document is too large."));
        return;
      }
      boolean all = "yes".equalsIgnoreCase(request.getHeader("x-oss-complete-all"));
      String document = body.toString();
      // Checked first against the parts as they are, so a bad document leaves the upload as it was.
      Object chosen = choose(upload.parts(), all, document);
      if (chosen instanceof OssError error) {
        ex.sendError(error);
        return;
      }
      if (!store.removeUpload(upload)) {
        ex.sendError(noSuchUpload());
        return;
      }
      // Chosen again from the final parts: a part re-uploaded meanwhile replaced the one checked.
      Map<Integer, MultipartUpload.Part> last = upload.end();
      chosen = choose(last, all, document);
      if (chosen instanceof OssError error) {
        last.values().forEach(p -> store.deleteFile(p.file()));
        ex.sendError(error);
        return;
      }
      @SuppressWarnings("unchecked")
      List<MultipartUpload.Part> parts = (List<MultipartUpload.Part>) chosen;
      // Parts not named in the document are dropped, as OSS does.
      last.values().stream().filter(p -> !parts.contains(p)).forEach(p -> store.deleteFile(p.file()));
      // No CRC-64 combine in XZ for Java or the JDK: the whole object's CRC means reading the parts
      // again, which blocks, so on a worker. The upload is already ours: no abort deletes the files.
      vertx.executeBlocking(() -> crc64(parts), false).onComplete(crc -> {
        if (crc.failed()) {
          parts.forEach(p -> store.deleteFile(p.file()));
          ex.sendError(new OssError(500, "InternalError", "cannot read the parts: " + crc.cause().getMessage()));
          return;
        }
        commitParts(ex, bucket, key, upload, parts, crc.result());
      });
    }, failure -> { });
  }

  /** Stores the object the parts make up and answers the CompleteMultipartUpload. */
  private void commitParts(Exchange ex, BucketSettings bucket, String key, MultipartUpload upload,
      List<MultipartUpload.Part> parts, long crc64) {
    MessageDigest md5s = ObjectStore.newDigest("MD5");
    List<ObjectBody.Segment> segments = new ArrayList<>();
    for (MultipartUpload.Part p : parts) {
      md5s.update(p.md5());
      segments.add(new ObjectBody.Segment(p.file(), p.size()));
    }
    String etag = ObjectStore.quote(ObjectStore.hex(md5s.digest()) + "-" + parts.size());
    store.commit(bucket.name().value(), new StoredObject(key, etag, ObjectStore.now(), upload.contentType(),
        upload.contentDisposition(), upload.userMetadata(), "Multipart", ObjectBody.Files.of(segments),
        ObjectCrc.known(crc64)));
    if (ex.response().closed()) {
      return; // the client left while the CRC was computed; the object is complete all the same, as on OSS
    }
    boolean url = "url".equals(ex.request().getParam("encoding-type"));
    ex.response().putHeader("ETag", etag);
    ex.response().putHeader(Crc64Ecma.HEADER, Crc64Ecma.toHeader(crc64));
    ex.sendXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult>\n"
        + (url ? element("EncodingType", "url") : "")
        + element("Location", "http://" + ex.host() + "/" + ListHandler.urlEncode(key))
        + element("Bucket", bucket.name().value())
        + element("Key", url ? ListHandler.urlEncode(key) : key)
        + element("ETag", etag)
        + "</CompleteMultipartUploadResult>\n");
  }

  /** CRC-64 of the parts' files one after the other, through one fixed buffer. Blocking. */
  private static long crc64(List<MultipartUpload.Part> parts) throws IOException {
    Crc64Ecma crc = new Crc64Ecma();
    byte[] buffer = new byte[PART_READ_BYTES];
    for (MultipartUpload.Part p : parts) {
      try (InputStream in = Files.newInputStream(p.file())) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          crc.update(buffer, 0, n);
        }
      }
    }
    return crc.value();
  }

  void abort(Exchange ex, BucketSettings bucket, String key) {
    Optional<MultipartUpload> upload = store.upload(ex.request().getParam("uploadId"), bucket.name().value(), key);
    if (upload.isEmpty() || !store.removeUpload(upload.get())) {
      ex.sendError(noSuchUpload());
      return;
    }
    upload.get().end().values().forEach(p -> store.deleteFile(p.file()));
    ex.sendEmpty(204);
  }

  /**
   * The parts a CompleteMultipartUpload makes the object of, in order, or the error it deserves:
   * every uploaded part with {@code x-oss-complete-all: yes}, else those the document names.
   */
  private static Object choose(Map<Integer, MultipartUpload.Part> uploaded, boolean all, String xml) {
    List<MultipartUpload.Part> parts = new ArrayList<>();
    if (all) {
      parts.addAll(new TreeMap<>(uploaded).values());
    } else {
      Object named = named(uploaded, xml, parts);
      if (named != null) {
        return named;
      }
    }
    if (parts.isEmpty()) {
      return new OssError(400, "MalformedXML", "The CompleteMultipartUpload document lists no parts.");
    }
    return parts;
  }

  /** Adds the parts {@code xml} names to {@code parts}, in order; returns the error it deserves, else null. */
  private static OssError named(Map<Integer, MultipartUpload.Part> uploaded, String xml,
      List<MultipartUpload.Part> parts) {
    Matcher part = PART.matcher(xml);
    int previous = 0;
    while (part.find()) {
      Matcher number = PART_NUMBER.matcher(part.group(1));
      Matcher etag = ETAG.matcher(part.group(1));
      if (!number.find() || !etag.find()) {
        return new OssError(400, "MalformedXML", "A Part lacks PartNumber or ETag.");
      }
      int n = Integer.parseInt(number.group(1));
      if (n <= previous) {
        return new OssError(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
      }
      previous = n;
      MultipartUpload.Part p = uploaded.get(n);
      if (p == null || !ObjectReader.unquote(etag.group(1)).equalsIgnoreCase(ObjectReader.unquote(p.etag()))) {
        return new OssError(400, "InvalidPart", "One or more of the specified parts could not be found "
            + "or the specified entity tag might not have matched the part's entity tag.");
      }
      parts.add(p);
    }
    return null;
  }

  /**
   * Streams the request body into a new file. Completes with the file once the body ended and
   * matched any Content-MD5; on every failure the response (or reset) is already handled.
   */
  private Future<Received> receive(Exchange ex) {
    Path path = store.newFile();
    return vertx.fileSystem().open(path.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
        .recover(e -> {
          ex.sendError(new OssError(500, "InternalError", "cannot store the body: " + e.getMessage()));
          return Future.failedFuture(e);
        })
        .compose(file -> stream(ex, file, path));
  }

  private Future<Received> stream(Exchange ex, AsyncFile file, Path path) {
    HttpServerRequest request = ex.request();
    MessageDigest md5 = ObjectStore.newDigest("MD5");
    Crc64Ecma crc = new Crc64Ecma();
    long[] size = {0};
    io.vertx.core.Promise<Received> done = io.vertx.core.Promise.promise();
    Handler<Throwable> abort = e -> {
      if (done.future().isComplete()) {
        return;
      }
      file.close().onComplete(v -> store.deleteFile(path));
      done.tryFail(e);
    };
    ex.readBody(chunk -> {
      size[0] += chunk.length();
      for (ByteBuffer nio : ((BufferInternal) chunk).getByteBuf().nioBuffers()) {
        crc.update(nio.duplicate()); // each update consumes the buffer it reads
        md5.update(nio);
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        request.pause();
        file.drainHandler(v -> request.resume());
      }
    }, end -> file.close().onComplete(closed -> {
      byte[] digest = md5.digest();
      String expected = request.getHeader("Content-MD5");
      if (closed.failed()) {
        store.deleteFile(path);
        ex.sendError(new OssError(500, "InternalError", "cannot store the body"));
        done.tryFail(closed.cause());
      } else if (expected != null && !expected.trim().equals(Base64.getEncoder().encodeToString(digest))) {
        store.deleteFile(path);
        ex.sendError(new OssError(400, "InvalidDigest", "The Content-MD5 you specified was invalid."));
        done.tryFail(new IllegalStateException("InvalidDigest"));
      } else {
        done.tryComplete(new Received(path, size[0], digest, crc.value()));
      }
    }), abort);
    ex.onClose(() -> abort.handle(new IllegalStateException("client closed the connection")));
    return done.future();
  }

  private static Map<String, String> userMetadata(MultiMap headers) {
    Map<String, String> meta = new TreeMap<>();
    headers.forEach(e -> {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-oss-meta-")) {
        meta.put(name, e.getValue());
      }
    });
    return meta;
  }

  private static OssError noSuchUpload() {
    return new OssError(404, "NoSuchUpload", "The specified upload does not exist. "
        + "The upload ID may be invalid, or the upload may have been aborted or completed.");
  }

  static String element(String name, String value) {
    return "  <" + name + ">" + Xml.escape(value) + "</" + name + ">\n";
  }
}
