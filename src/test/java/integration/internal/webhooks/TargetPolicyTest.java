package integration.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SSRF guard: internal targets are refused unless configuration allows them. */
class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false, false);

    @Test
    void refusesInternalAndSpecialAddresses() {
        for (String url : new String[] {
            "https://127.0.0.1/hook",
            "https://localhost/hook",
            "https://10.0.0.1/",
            "https://172.16.5.4/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://224.0.0.1/",
            "https://[::ffff:127.0.0.1]/",
            "https://255.255.255.255/"
        }) {
            assertThat(strict.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void refusesOtherSchemesCredentialsAndGarbage() {
        assertThat(strict.refusal("http://93.184.216.34/hook")).contains("only https URLs");
        assertThat(strict.refusal("ftp://93.184.216.34/")).isPresent();
        assertThat(strict.refusal("file:///etc/passwd")).isPresent();
        assertThat(strict.refusal("https://user:pw@93.184.216.34/")).contains("credentials in the URL are not allowed");
        assertThat(strict.refusal("not a url at all")).isPresent();
        assertThat(strict.refusal("https:///nohost")).isPresent();
    }

    @Test
    void allowsPublicHttpsTargets() {
        assertThat(strict.refusal("https://93.184.216.34/hooks/quartermaster")).isEmpty();
        assertThat(strict.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/"))
                .isEmpty();
    }

    @Test
    void allowsInternalTargetsOnlyWhenConfigured() {
        TargetPolicy open = new TargetPolicy(true, true);
        assertThat(open.refusal("http://127.0.0.1:9999/hook")).isEmpty();
        assertThat(open.refusal("ftp://127.0.0.1/")).isPresent();
    }
}
