# The appliance image. It runs the same ./run.sh as a checkout does, on a build published here, so
# the start-up path that the tests cover is the one that ships.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Appliance.Web/Appliance.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# run.sh step 1 installs SoftHSM2 when missing; the image carries it so that start-up needs no network.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends softhsm2 opensc curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system appliance && useradd --system --gid appliance --home-dir /data appliance \
 && mkdir -p /data /opt/appliance && chown appliance:appliance /data
WORKDIR /opt/appliance
COPY --from=build /app ./bin
COPY run.sh ./run.sh
COPY hsm-sim ./hsm-sim
ENV APPLIANCE_DATA=/data \
    APPLIANCE_DLL=/opt/appliance/bin/Appliance.Web.dll \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER appliance
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl --fail --silent http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["./run.sh", "--urls", "http://0.0.0.0:8080"]
