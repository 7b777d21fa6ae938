package operations.internal.config;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops three warnings that describe intended states, so that a clean start and stop log no warning
 * and a real one stands out: the {@code outbox} emitter without a downstream when Kafka is not
 * configured (its channel is switched off on purpose, see {@link KafkaChannelSwitch}); Micrometer's
 * note that the Vert.x Redis pool gauges were registered twice (the first registration is kept); and
 * Netty's report of a connection accepted in the last moment of a shutdown, after Vert.x closed its
 * event loops (the connection is closed unanswered, which a client sees as a refused connection).
 */
@LoggingFilter(name = "expected-warnings")
public final class ExpectedWarnings implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message == null) {
            return true;
        }
        if (message.startsWith("SRMSG00207")) {
            long components =
                    message.lines().filter(l -> l.strip().startsWith("- ")).count();
            return components != 1 || !message.contains("- Emitter{channel:'outbox'} has no downstream");
        }
        if (message.startsWith("Failed to register an accepted channel")) {
            return !(record.getThrown() instanceof IllegalStateException closed)
                    || closed.getStackTrace().length == 0
                    || !closed.getStackTrace()[0].getClassName().endsWith("VertxEventLoopGroup");
        }
        return !message.startsWith("This Gauge has been already registered (MeterId{name='redis.pool.");
    }
}
