package io.ossgate.emulator;

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
import java.nio.ByteBuffer;
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
 * backpressure while their MD5 is computed incrementally; nothing large is held in memory.
 */
final class ObjectWriter {

  private static final int MAX_COMPLETE_BODY = 1024 * 1024;
  private static final Pattern PART = Pattern.compile("<Part>(.*?)</Part>", Pattern.DOTALL);
  private static final Pattern PART_NUMBER = Pattern.compile("<PartNumber>\\s*(\\d+)\\s*</PartNumber>");
  private static final Pattern ETAG = Pattern.compile("<ETag>(.*?)</ETag>", Pattern.DOTALL);

  /** A body written to a file: where, how long, its MD5. */
  private record Received(Path file, long size, byte[] md5) {}

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
          userMetadata(h), "Normal", ObjectBody.Files.of(List.of(new ObjectBody.Segment(received.file(), received.size()))));
      store.commit(bucket.name().value(), object);
      ex.response().putHeader("ETag", object.etag());
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
      upload.get().putPart(new MultipartUpload.Part(partNumber, received.file(), received.size(), received.md5(), etag))
          .ifPresent(old -> store.deleteFile(old.file()));
      ex.response().putHeader("ETag", etag);
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
      Object chosen = all ? new ArrayList<>(new TreeMap<>(upload.parts()).values()) : choose(upload, body.toString());
      if (chosen instanceof OssError error) {
        ex.sendError(error);
        return;
      }
      @SuppressWarnings("unchecked")
      List<MultipartUpload.Part> parts = (List<MultipartUpload.Part>) chosen;
      if (parts.isEmpty()) {
        ex.sendError(new OssError(400, "MalformedXML", "The CompleteMultipartUpload document lists no parts."));
        return;
      }
      if (!store.removeUpload(upload)) {
        ex.sendError(noSuchUpload());
        return;
      }
      MessageDigest md5s = ObjectStore.newDigest("MD5");
      List<ObjectBody.Segment> segments = new ArrayList<>();
      for (MultipartUpload.Part p : parts) {
        md5s.update(p.md5());
        segments.add(new ObjectBody.Segment(p.file(), p.size()));
      }
      // Parts not named in the document are dropped, as OSS does.
      upload.parts().values().stream().filter(p -> !parts.contains(p)).forEach(p -> store.deleteFile(p.file()));
      String etag = ObjectStore.quote(ObjectStore.hex(md5s.digest()) + "-" + parts.size());
      store.commit(bucket.name().value(), new StoredObject(key, etag, ObjectStore.now(), upload.contentType(),
          upload.contentDisposition(), upload.userMetadata(), "Multipart", ObjectBody.Files.of(segments)));
      boolean url = "url".equals(request.getParam("encoding-type"));
      ex.response().putHeader("ETag", etag);
      ex.sendXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult>\n"
          + (url ? element("EncodingType", "url") : "")
          + element("Location", "http://" + ex.host() + "/" + ListHandler.urlEncode(key))
          + element("Bucket", bucket.name().value())
          + element("Key", url ? ListHandler.urlEncode(key) : key)
          + element("ETag", etag)
          + "</CompleteMultipartUploadResult>\n");
    }, failure -> { });
  }

  void abort(Exchange ex, BucketSettings bucket, String key) {
    Optional<MultipartUpload> upload = store.upload(ex.request().getParam("uploadId"), bucket.name().value(), key);
    if (upload.isEmpty() || !store.removeUpload(upload.get())) {
      ex.sendError(noSuchUpload());
      return;
    }
    upload.get().parts().values().forEach(p -> store.deleteFile(p.file()));
    ex.sendEmpty(204);
  }

  /** The parts a CompleteMultipartUpload document names, in order, or the error it deserves. */
  private static Object choose(MultipartUpload upload, String xml) {
    Map<Integer, MultipartUpload.Part> uploaded = upload.parts();
    List<MultipartUpload.Part> parts = new ArrayList<>();
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
    return parts;
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
        done.tryComplete(new Received(path, size[0], digest));
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
