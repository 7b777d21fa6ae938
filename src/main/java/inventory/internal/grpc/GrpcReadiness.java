package inventory.internal.grpc;

import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.runtime.health.GrpcHealthStorage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code grpc.health.v1.Health} answers what {@code /q/health/ready} answers: SERVING while every readiness
 * check (database, Redis, Kafka relay) is up, NOT_SERVING otherwise; for the server ("") and for StockService.
 * The gRPC server's own check is left out, since it reports this very status.
 */
@ApplicationScoped
public class GrpcReadiness {

    static final String SERVICE = "quartermaster.inventory.v1.StockService";

    private final SmallRyeHealthReporter health;
    private final GrpcHealthStorage storage;

    GrpcReadiness(SmallRyeHealthReporter health, GrpcHealthStorage storage) {
        this.health = health;
        this.storage = storage;
    }

    @Scheduled(
            every = "${quartermaster.grpc.health-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sync() {
        ServingStatus status = ready() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        storage.setStatus(GrpcHealthStorage.DEFAULT_SERVICE_NAME, status);
        storage.setStatus(SERVICE, status);
    }

    private boolean ready() {
        JsonObject payload = health.getReadiness().getPayload();
        for (JsonValue value : payload.getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            if (check.getString("name", "").startsWith("gRPC")) {
                continue;
            }
            if (!"UP".equals(check.getString("status", "DOWN"))) {
                return false;
            }
        }
        return true;
    }
}
