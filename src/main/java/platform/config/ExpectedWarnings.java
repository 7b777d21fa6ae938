package platform.config;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops two start-up warnings that describe intended states, so that a clean production start logs no
 * warning and a real one stands out: the {@code outbox} emitter without a downstream when Kafka is not
 * configured (its channel is switched off on purpose, see {@link KafkaChannelSwitch}), and Micrometer's
 * note that the Vert.x Redis pool gauges were registered twice (the first registration is kept).
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
        return !message.startsWith("This Gauge has been already registered (MeterId{name='redis.pool.");
    }
}
