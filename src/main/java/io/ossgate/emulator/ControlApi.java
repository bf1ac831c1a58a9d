package io.ossgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ossgate.oss.EndpointType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The emulator's HTTP control API (JSON), on its own port: endpoints, faults, the request log and
 * generated objects. Documented with examples in docs/emulator.md.
 */
final class ControlApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Vertx vertx;
  private final Emulator emulator;
  private HttpServer server;

  ControlApi(Vertx vertx, Emulator emulator) {
    this.vertx = vertx;
    this.emulator = emulator;
  }

  Future<Void> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/endpoints").handler(this::endpoints);
    router.get("/faults").handler(ctx -> reply(ctx, 200, allFaults()));
    router.delete("/faults").handler(ctx -> Future.all(emulator.endpointTypes().stream()
        .map(t -> emulator.faults(t).clear()).toList()).onComplete(ar -> reply(ctx, 200, allFaults())));
    router.get("/faults/:type").handler(ctx -> withType(ctx, t -> reply(ctx, 200, FaultsCodec.write(emulator.faults(t).get()))));
    router.put("/faults/:type").handler(ctx -> setFaults(ctx, Faults.none()));
    router.patch("/faults/:type").handler(ctx -> withType(ctx, t -> setFaults(ctx, emulator.faults(t).get())));
    router.delete("/faults/:type").handler(ctx -> withType(ctx, t -> emulator.faults(t).clear()
        .onComplete(ar -> reply(ctx, 200, FaultsCodec.write(emulator.faults(t).get())))));
    router.get("/requests").handler(this::requests);
    router.delete("/requests").handler(ctx -> {
      emulator.requests().clear();
      ctx.response().setStatusCode(204).end();
    });
    router.post("/objects").handler(this::putGenerated);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s).mapEmpty();
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void endpoints(RoutingContext ctx) {
    ArrayNode list = NODES.arrayNode();
    for (EndpointType t : emulator.endpointTypes()) {
      ObjectNode n = list.addObject();
      n.put("type", t.configName());
      n.put("port", emulator.port(t));
      ArrayNode hosts = n.putArray("hosts");
      emulator.settings().buckets().forEach(b -> hosts.add(emulator.bucketHost(b.name().value(), t)));
      n.set("faults", FaultsCodec.write(emulator.faults(t).get()));
    }
    reply(ctx, 200, list);
  }

  private ObjectNode allFaults() {
    ObjectNode all = NODES.objectNode();
    emulator.endpointTypes().forEach(t -> all.set(t.configName(), FaultsCodec.write(emulator.faults(t).get())));
    return all;
  }

  private void setFaults(RoutingContext ctx, Faults base) {
    withType(ctx, t -> {
      Faults faults;
      try {
        faults = FaultsCodec.read(body(ctx), "body", base);
      } catch (IllegalArgumentException | IOException e) {
        error(ctx, 400, e.getMessage());
        return;
      }
      emulator.faults(t).set(faults).onComplete(ar -> {
        if (ar.failed()) {
          error(ctx, 500, "faults set, but the listener could not follow: " + ar.cause().getMessage());
        } else {
          reply(ctx, 200, FaultsCodec.write(faults));
        }
      });
    });
  }

  private void requests(RoutingContext ctx) {
    int limit;
    try {
      limit = Integer.parseInt(Optional.ofNullable(ctx.request().getParam("limit")).orElse("100"));
    } catch (NumberFormatException e) {
      error(ctx, 400, "limit: expected an integer");
      return;
    }
    List<RecordedRequest> all = emulator.requests().all();
    ArrayNode list = NODES.arrayNode();
    for (RecordedRequest r : all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size())) {
      ObjectNode n = list.addObject();
      n.put("endpoint", r.endpoint().configName());
      n.put("method", r.method());
      n.put("host", r.host());
      n.put("uri", r.uri());
      n.put("status", r.status());
      n.put("bodyBytes", r.bodyBytes());
      n.put("bodySha256", r.bodySha256());
      n.put("outcome", r.outcome().name());
    }
    reply(ctx, 200, list);
  }

  private void putGenerated(RoutingContext ctx) {
    try {
      JsonNode n = body(ctx);
      String bucket = required(n, "bucket");
      String key = required(n, "key");
      long size = n.path("size").isIntegralNumber() ? n.get("size").asLong() : io.ossgate.config.Units.parseSize(required(n, "size"));
      long seed = n.path("seed").asLong(0);
      String type = n.path("content-type").asText("application/octet-stream");
      StoredObject o = emulator.store().putGenerated(bucket, key, size, seed, type);
      ObjectNode out = NODES.objectNode();
      out.put("bucket", bucket);
      out.put("key", key);
      out.put("size", o.size());
      out.put("etag", o.etag());
      reply(ctx, 201, out);
    } catch (IllegalArgumentException | IOException e) {
      error(ctx, 400, e.getMessage());
    }
  }

  private static String required(JsonNode n, String key) {
    if (!n.hasNonNull(key)) {
      throw new IllegalArgumentException(key + ": missing");
    }
    return n.get(key).asText();
  }

  private static JsonNode body(RoutingContext ctx) throws IOException {
    String text = ctx.body().asString();
    return text == null || text.isBlank() ? NODES.objectNode() : JSON.readTree(text);
  }

  private static void withType(RoutingContext ctx, java.util.function.Consumer<EndpointType> action) {
    String name = ctx.pathParam("type");
    Optional<EndpointType> type = EndpointType.fromConfigName(name);
    if (type.isEmpty()) {
      error(ctx, 404, "unknown endpoint type '" + name + "' (expected one of " + EndpointType.allConfigNames() + ")");
      return;
    }
    try {
      action.accept(type.get());
    } catch (IllegalArgumentException notPlayed) {
      error(ctx, 404, notPlayed.getMessage());
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    reply(ctx, status, NODES.objectNode().put("error", message));
  }

  private static void reply(RoutingContext ctx, int status, JsonNode body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toPrettyString() + "\n");
  }
}
