# One image per service, built from this repository: docker build --build-arg MODULE=hukou-service
FROM maven:3.9-eclipse-temurin-21 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -pl ${MODULE} -am

FROM eclipse-temurin:21-jre
ARG MODULE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar app.jar
ENV JAVA_OPTS="-Xms64m -Xmx384m"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=10 \
  CMD curl -fs "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
