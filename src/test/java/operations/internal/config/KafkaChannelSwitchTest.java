package operations.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaChannelSwitchTest {

    private static final String ENABLED = "mp.messaging.outgoing.outbox.enabled";

    @Test
    void aKafkaChannelIsOffWithoutABroker() {
        assertThat(config(Map.of()).getOptionalValue(ENABLED, Boolean.class)).contains(false);
    }

    @Test
    void aKafkaChannelIsOnOnceABrokerIsConfigured() {
        assertThat(config(Map.of("kafka.bootstrap.servers", "broker:9092")).getValue(ENABLED, Boolean.class))
                .isTrue();
        assertThat(config(Map.of("mp.messaging.outgoing.outbox.bootstrap.servers", "broker:9092"))
                        .getValue(ENABLED, Boolean.class))
                .isTrue();
        assertThat(config(Map.of("kafka.bootstrap.servers", " ")).getValue(ENABLED, Boolean.class))
                .isFalse();
    }

    @Test
    void anExplicitSettingWinsAndOtherConnectorsAreLeftAlone() {
        assertThat(config(Map.of(ENABLED, "true")).getValue(ENABLED, Boolean.class))
                .isTrue();
        assertThat(config(Map.of()).getOptionalValue("mp.messaging.incoming.local.enabled", Boolean.class))
                .isEmpty();
    }

    private static SmallRyeConfig config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "mp.messaging.outgoing.outbox.connector", "smallrye-kafka",
                "mp.messaging.incoming.local.connector", "smallrye-in-memory"));
        properties.putAll(extra);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withInterceptors(new KafkaChannelSwitch())
                .build();
    }
}
