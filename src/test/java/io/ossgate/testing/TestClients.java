package io.ossgate.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * HTTP clients for tests that drive them from the JUnit thread. Every call that returns a Future
 * (request, close...) is started on one fixed Vert.x context: with Vert.x 5.0.7, sequential
 * pooled requests started from a non-Vert.x thread occasionally never complete (reproduced: a
 * stall within a few thousand requests against a plain Vert.x server; none in 16,000 when the
 * same requests start on a context). The gateway itself always calls its clients from its own
 * event loop.
 */
public final class TestClients {
  private TestClients() {}

  public static HttpClientAgent create(Vertx vertx) {
    return create(vertx, new HttpClientOptions());
  }

  public static HttpClientAgent create(Vertx vertx, HttpClientOptions options) {
    return bind(vertx, vertx.createHttpClient(options));
  }

  public static HttpClientAgent create(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
    return bind(vertx, vertx.createHttpClient(options, pool));
  }

  /** Wraps {@code client} so its Future-returning calls start on one context of {@code vertx}. */
  @SuppressWarnings("unchecked")
  public static HttpClientAgent bind(Vertx vertx, HttpClientAgent client) {
    Context ctx = vertx.getOrCreateContext();
    return (HttpClientAgent) Proxy.newProxyInstance(TestClients.class.getClassLoader(),
        new Class<?>[] {HttpClientAgent.class}, (proxy, method, args) -> {
          if (!Future.class.isAssignableFrom(method.getReturnType()) || Vertx.currentContext() == ctx) {
            return invoke(method, client, args);
          }
          Promise<Object> result = Promise.promise();
          ctx.runOnContext(v -> {
            try {
              ((Future<Object>) invoke(method, client, args)).onComplete(result);
            } catch (Throwable t) {
              result.fail(t);
            }
          });
          return result.future();
        });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
