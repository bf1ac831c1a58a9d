package io.ossgate.emulator;

import io.ossgate.oss.BucketDomain;
import io.ossgate.oss.EndpointType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A fake OSS: one HTTP/1.1 listener per endpoint type, all serving the same buckets from one
 * {@link ObjectStore}, routing by Host like OSS, with per-endpoint {@link Faults} and a
 * {@link RequestLog}. Optionally a small HTTP control API (docs/emulator.md).
 *
 * <pre>{@code
 * Emulator emu = Emulator.start(vertx, EmulatorSettings.of(
 *     List.of(BucketSettings.of("demo-bucket", "cn-hangzhou")),
 *     List.of(EndpointSettings.of(EndpointType.INTERNAL), EndpointSettings.of(EndpointType.INTERNET))))
 *   .await(5, SECONDS);
 * emu.store().putGenerated("demo-bucket", "big.bin", 256L << 20, 42, "application/octet-stream");
 * // GET http://127.0.0.1:{emu.port(INTERNAL)}/big.bin with Host demo-bucket.oss-cn-hangzhou-internal.aliyuncs.com
 * }</pre>
 */
public final class Emulator {

  /** Records kept by the request log before the oldest are dropped. */
  private static final int LOG_CAPACITY = 100_000;

  private final Vertx vertx;
  private final EmulatorSettings settings;
  private final ObjectStore store;
  private final RequestLog log;
  private final Map<EndpointType, EndpointServer> endpoints;
  private ControlApi control;

  private Emulator(Vertx vertx, EmulatorSettings settings, ObjectStore store, RequestLog log,
      Map<EndpointType, EndpointServer> endpoints) {
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.log = log;
    this.endpoints = endpoints;
  }

  /** Creates the store directory, binds every endpoint (and the control API), then completes. */
  public static Future<Emulator> start(Vertx vertx, EmulatorSettings settings) {
    return vertx.executeBlocking(() -> Files.createTempDirectory("ossgate-emulator-"))
        .compose(dir -> {
          ObjectStore store = new ObjectStore(vertx, dir, settings.buckets());
          RequestLog log = new RequestLog(LOG_CAPACITY);
          OssHandler handler = new OssHandler(vertx, store, settings);
          Map<EndpointType, EndpointServer> servers = new EnumMap<>(EndpointType.class);
          for (EndpointSettings e : settings.endpoints()) {
            servers.put(e.type(), new EndpointServer(vertx, e, settings.bindHost(), handler, log));
          }
          Emulator emulator = new Emulator(vertx, settings, store, log, Map.copyOf(servers));
          List<Future<Void>> started = new ArrayList<>();
          servers.values().forEach(s -> started.add(s.start()));
          return Future.all(started)
              .compose(v -> settings.controlPort().isEmpty() ? Future.<Void>succeededFuture() : emulator.startControl())
              .map(emulator)
              .recover(e -> emulator.close().transform(ar -> Future.failedFuture(e)));
        });
  }

  private Future<Void> startControl() {
    ControlApi api = new ControlApi(vertx, this);
    return api.listen(settings.bindHost(), settings.controlPort().orElseThrow()).onSuccess(v -> control = api);
  }

  /** The port the endpoint type listens on (the actual one when the settings said 0). */
  public int port(EndpointType type) {
    return endpoint(type).port();
  }

  /** The endpoint types this emulator plays, in settings order. */
  public List<EndpointType> endpointTypes() {
    return settings.endpoints().stream().map(EndpointSettings::type).toList();
  }

  /** The bucket domain of a bucket on an endpoint type, e.g. for a Host header. */
  public String bucketHost(String bucket, EndpointType type) {
    BucketSettings b = settings.buckets().stream().filter(s -> s.name().value().equals(bucket)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no such bucket in the emulator: " + bucket));
    return BucketDomain.of(b.name(), type, b.region()).host();
  }

  public Optional<Integer> controlPort() {
    return Optional.ofNullable(control).map(ControlApi::port);
  }

  public EmulatorSettings settings() {
    return settings;
  }

  public ObjectStore store() {
    return store;
  }

  public FaultControl faults(EndpointType type) {
    return endpoint(type).faults();
  }

  public RequestLog requests() {
    return log;
  }

  /** Closes every listener and deletes the stored files. */
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    endpoints.values().forEach(s -> closing.add(s.close()));
    if (control != null) {
      closing.add(control.close());
    }
    return Future.join(closing).transform(ar -> vertx.executeBlocking(() -> {
      deleteTree(store.dir());
      return null;
    }));
  }

  private EndpointServer endpoint(EndpointType type) {
    EndpointServer s = endpoints.get(type);
    if (s == null) {
      throw new IllegalArgumentException("this emulator does not play the " + type + " endpoint");
    }
    return s;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
