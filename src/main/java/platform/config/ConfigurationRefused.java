package platform.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A setting with which the server cannot work. Thrown at start-up, it stops the start with its message
 * as the one line printed (Quarkus prints a {@link ConfigurationException}'s message without a stack
 * trace) and a non-zero exit status.
 */
public class ConfigurationRefused extends ConfigurationException {

    /** {@code setting}: the property name; {@code why}: what is wrong and what to do. */
    public ConfigurationRefused(String setting, String why) {
        super("Refusing to start: " + setting + " " + why, java.util.Set.of(setting));
    }
}
