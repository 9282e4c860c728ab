# syntax=docker/dockerfile:1
# The dvbridge image (docs/container.md): the shaded jar, the bin/dvbridge launcher and a class-data sharing
# archive made at build time, on a Java 17 runtime, as a non-root user.
#
#   docker build -t dvbridge:local .
#   docker run --rm dvbridge:local rebind --environment contoso-prod --dry-run     # the demo, embedded sandbox
#
# ContainerFilesTest checks that what this file copies and runs exists in the project.

# ---------------------------------------------------------------- build: the shaded jar
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first: this layer (and the cache mount) is reused until pom.xml changes.
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp dependency:go-offline
COPY src ./src
COPY routes ./routes
COPY config ./config
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp package -DskipTests

# ---------------------------------------------------------------- runtime
FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml and orchestrators.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 dvbridge \
    && useradd --system --uid 10001 --gid dvbridge --home-dir /work --shell /usr/sbin/nologin dvbridge

COPY --from=build /src/target/dvbridge.jar /opt/dvbridge/dvbridge.jar
COPY bin/dvbridge /opt/dvbridge/bin/dvbridge
ENV PATH=/opt/dvbridge/bin:$PATH \
    DVBRIDGE_CDS_DIR=/opt/dvbridge/cds

# The class-data sharing archive: the launcher's training run (the demo's rebind dry run against the embedded
# sandbox) runs here, once, as root; at run time the folder is read-only and the archive is only read.
# A build whose archive could not be made fails here rather than shipping a slow image.
RUN chmod 755 /opt/dvbridge/bin/dvbridge \
    && mkdir -p /opt/dvbridge/cds \
    && dvbridge --version \
    && ls /opt/dvbridge/cds/dvbridge-java*.jsa \
    && chmod -R a+rX,go-w /opt/dvbridge

# The working directory holds runs/ (reports, the H2 state store when no PostgreSQL is configured), files/
# (data.zip and results named by REST and queue requests), ca/ (a sandbox certificate to trust) and config/
# (an application.properties that overrides the packaged defaults).
RUN mkdir -p /work/runs /work/files /work/ca /work/config \
    && chown -R dvbridge:dvbridge /work
WORKDIR /work
USER 10001:10001

# dvbridge run: the REST API (camel.server.port).
EXPOSE 8080
# /api/health (200 while the state store answers) wants a caller with Runs.Read: the key named `probe` in
# config/container/application.properties, from DVBRIDGE_API_KEY_PROBE. One-shot commands (rebind, migrate, ...)
# end before the first check and are not affected.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null -H "X-API-Key: ${DVBRIDGE_API_KEY_PROBE:-}" "http://127.0.0.1:${CAMEL_SERVER_PORT:-8080}/api/health" || exit 1

ENTRYPOINT ["/opt/dvbridge/bin/dvbridge"]
CMD ["--help"]
