# ossgate container image.
#   docker build -t ossgate .
#   docker run --rm -p 8080:8080 -v "$PWD/conf/ossgate.yaml:/etc/ossgate/ossgate.yaml:ro" ossgate
# See docs/deploy.md.

# ---- build: the shaded jar -------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is rebuilt only when pom.xml changes, not on every source edit.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# ---- run: JRE only, non-root ---------------------------------------------------------------
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 ossgate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin ossgate

COPY --from=build /build/target/ossgate.jar /app/ossgate.jar
# A default config so the image starts; mount your own over it (a ConfigMap in Kubernetes).
COPY conf/ossgate.yaml /etc/ossgate/ossgate.yaml

# Size the heap from the container's memory limit, leaving half for the direct memory bodies
# stream through and the JVM itself; die (and get restarted) rather than limp on after an
# OutOfMemoryError. Override with -e JAVA_TOOL_OPTIONS=...
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
WORKDIR /app

# 8080 proxy (HTTP), 8443 proxy (HTTPS, when server.https is configured), 9090 admin.
EXPOSE 8080 8443 9090

# Probes the admin /health over loopback with bash's /dev/tcp: needs neither curl nor wget in the
# image. Assumes admin.listen on port 9090 (loopback or 0.0.0.0).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/9090 && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q UP <&3'

ENTRYPOINT ["java", "-jar", "/app/ossgate.jar"]
CMD ["run", "--config", "/etc/ossgate/ossgate.yaml"]
