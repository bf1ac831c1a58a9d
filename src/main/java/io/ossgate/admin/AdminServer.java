package io.ossgate.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ossgate.config.HostPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The admin listener (loopback by default): {@code /status} JSON, {@code /metrics} in Prometheus
 * text, {@code /health} (the process is up) and {@code /ready} (every site has a usable
 * upstream). Read-only; it never shows credentials.
 */
public final class AdminServer {

  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  public static Future<AdminServer> start(Vertx vertx, HostPort listen, Supplier<JsonObject> status,
      BooleanSupplier ready, PrometheusMeterRegistry metrics) {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> {
      boolean ok = ready.getAsBoolean();
      ctx.response().setStatusCode(ok ? 200 : 503);
      ctx.json(new JsonObject().put("ready", ok));
    });
    router.get("/status").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(status.get().encodePrettily()));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    HttpServer server = vertx.createHttpServer().requestHandler(router);
    return server.listen(listen.port(), listen.host()).map(AdminServer::new);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
