package operations.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class ExpectedWarningsTest {

    private final ExpectedWarnings filter = new ExpectedWarnings();

    @Test
    void dropsTheOutboxEmitterWarningOnlyWhenItIsTheOnlyDisconnectedComponent() {
        assertThat(filter.isLoggable(record("SRMSG00207: Some components are not connected to either downstream "
                        + "consumers or upstream producers:\n\t- Emitter{channel:'outbox'} has no downstream\n")))
                .isFalse();
        assertThat(filter.isLoggable(record("SRMSG00207: Some components are not connected to either downstream "
                        + "consumers or upstream producers:\n\t- Emitter{channel:'outbox'} has no downstream\n"
                        + "\t- IncomingConnector{channel:'orders'} has no downstream\n")))
                .isTrue();
    }

    @Test
    void dropsOnlyTheRedisPoolGaugeDuplicate() {
        assertThat(filter.isLoggable(record("This Gauge has been already registered (MeterId{name='redis.pool."
                        + "queue.size', tags=[]}), the registration will be ignored.")))
                .isFalse();
        assertThat(filter.isLoggable(record("This Gauge has been already registered (MeterId{name='quartermaster."
                        + "outbox.lag', tags=[]}), the registration will be ignored.")))
                .isTrue();
    }

    @Test
    void dropsNettysAcceptAfterCloseButNoOtherAcceptFailure() {
        ExtLogRecord afterClose = record("Failed to register an accepted channel: [id: 0x1]");
        IllegalStateException closed = new IllegalStateException();
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("io.vertx.core.net.impl.VertxEventLoopGroup", "next", "VertxEventLoopGroup.java", 37)
        });
        afterClose.setThrown(closed);
        assertThat(filter.isLoggable(afterClose)).isFalse();

        ExtLogRecord other = record("Failed to register an accepted channel: [id: 0x2]");
        other.setThrown(new java.io.IOException("Too many open files"));
        assertThat(filter.isLoggable(other)).isTrue();
    }

    @Test
    void keepsEverythingElse() {
        assertThat(filter.isLoggable(record("outbox relay paused: timeout"))).isTrue();
    }

    private static ExtLogRecord record(String message) {
        return new ExtLogRecord(
                Level.WARNING, message, ExtLogRecord.FormatStyle.NO_FORMAT, ExpectedWarningsTest.class.getName());
    }
}
