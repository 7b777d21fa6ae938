package operations.internal.config;

/** Shared ordering of our configuration interceptors: after the sources, before expansion. */
final class ConfigSwitches {

    static final int PRIORITY = 500;

    private ConfigSwitches() {}
}
