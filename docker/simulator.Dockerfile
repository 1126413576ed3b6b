# The external systems' simulator (WireMock with the simulator module's extensions: signed requests
# checked, signed callbacks made), built from the repository root as context; docker-compose.yml
# builds it. It shares the services' local secrets through DEV_KEYS_DIR (the dev-keys volume).

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN chmod +x mvnw && ./mvnw -B -q -DskipTests package -pl simulator -am \
 && mkdir /simulator && cp simulator/target/simulator.jar simulator/target/wiremock-standalone.jar \
      simulator/target/birth-security.jar /simulator/ && cp -r simulator/mappings /simulator/mappings

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /simulator app && mkdir /dev-keys && chown app /dev-keys
COPY --from=build /simulator /simulator
WORKDIR /simulator
USER app
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/simulator/simulator.jar", "--port", "8080", "--root-dir", "/simulator", \
  "--extensions", "cn.gov.birth.simulator.PartnerSignatureCheck,cn.gov.birth.simulator.SignedCallback,cn.gov.birth.simulator.SmsInbox", \
  "--disable-banner", "--no-request-journal"]
