# One image per service, built from the repository root as context:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=hukou-service -t birth/hukou-service .
# docker-compose.yml builds all eight this way. The service reads its settings from the environment
# (SERVER_PORT, DB_*, KAFKA_BOOTSTRAP_SERVERS, ...); JVM options from JAVA_OPTS.

FROM maven:3.9-eclipse-temurin-21 AS build
ARG MODULE
RUN test -n "$MODULE" || { echo "build with --build-arg MODULE=<service module>" >&2; exit 1; }
WORKDIR /src
COPY . .
RUN chmod +x mvnw && ./mvnw -B -q -DskipTests package -pl "${MODULE}" -am \
 && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" /app.jar

FROM eclipse-temurin:21-jre
ARG MODULE
LABEL org.opencontainers.image.title="${MODULE}"
# The Ubuntu-based JRE image has no curl: install it for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app app \
 && mkdir /dev-keys && chown app /dev-keys
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER app
ENV SERVER_PORT=8080 \
    JAVA_OPTS="-Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=12 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" | grep -q '"UP"' || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
