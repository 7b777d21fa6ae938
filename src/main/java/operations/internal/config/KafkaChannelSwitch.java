package operations.internal.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka is optional: a messaging channel on the Kafka connector is enabled only when a broker is
 * configured ({@code kafka.bootstrap.servers}, or the channel's own {@code bootstrap.servers}), so a
 * start without Kafka creates no producer that would try localhost:9092. An explicit
 * {@code mp.messaging.<direction>.<channel>.enabled} still wins.
 */
@Priority(ConfigSwitches.PRIORITY)
public class KafkaChannelSwitch implements ConfigSourceInterceptor {

    private static final Pattern ENABLED = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.enabled");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        Matcher m = ENABLED.matcher(name);
        if (explicit != null || !m.matches()) {
            return explicit;
        }
        String channel = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
        ConfigValue connector = context.proceed(channel + "connector");
        if (connector == null || !"smallrye-kafka".equals(connector.getValue())) {
            return null;
        }
        boolean configured = present(context.proceed("kafka.bootstrap.servers"))
                || present(context.proceed(channel + "bootstrap.servers"));
        return ConfigValue.builder()
                .withName(name)
                .withValue(Boolean.toString(configured))
                .withConfigSourceName(KafkaChannelSwitch.class.getSimpleName())
                .build();
    }

    private static boolean present(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
