# syntax=docker/dockerfile:1
# Build: the Maven wrapper on a JDK 25 (the code targets Java 21). Tests run in CI (`bash .ci/run`), not here.
# -Pimage leaves out the embedded PostgreSQL binaries of macOS, Windows and Alpine (linux amd64 and arm64 stay).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schema schema
COPY src/main src/main
# The cache mount keeps ~/.m2 between builds (BuildKit, the default builder of current Docker).
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -Pimage -DskipTests -Djacoco.skip=true -Dkeycloak.skip=true \
 && cp target/ordergraph-*.jar /src/app.jar

# Run: JRE only, as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system ordergraph \
 && useradd --system --gid ordergraph --home-dir /app --no-create-home --shell /usr/sbin/nologin ordergraph
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER ordergraph
# 8080: the API; 9000: the actuator (health, metrics), for probes
EXPOSE 8080 9000
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
