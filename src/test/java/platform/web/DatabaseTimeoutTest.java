package platform.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * Every connection of the pool is taken (a stuck dependency, a burst): a request that needs the database
 * waits for the pool's acquisition time-out and then gets 503 {@code unavailable} with {@code Retry-After},
 * never 500 (issue #10 item 15).
 */
@QuarkusTest
class DatabaseTimeoutTest {

    @Inject
    AgroalDataSource pool;

    @Test
    void anExhaustedConnectionPoolIsUnavailableWithRetryAfter() throws SQLException {
        Api.asOperator().get("/v1/clients").then().statusCode(200);
        int size = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(pool.getConnection());
            }
            Api.asOperator()
                    .get("/v1/clients")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("unavailable"));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        Api.asOperator().get("/v1/clients").then().statusCode(200);
    }
}
