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

    /**
     * IPv6 forms that carry an IPv4 address are judged by that address (issue #10, item 9): a private
     * one inside is refused, a public one is allowed; the discard prefix and local-use NAT64 are refused.
     */
    @Test
    void ipv6FormsEmbeddingIpv4AreJudgedByTheEmbeddedAddress() {
        String[][] table = {
            // form, address, expected: "refused" or "allowed"
            {"IPv4-compatible", "::127.0.0.1", "refused"},
            {"IPv4-compatible", "::10.0.0.1", "refused"},
            {"IPv4-compatible", "::169.254.169.254", "refused"},
            {"IPv4-compatible", "::8.8.8.8", "allowed"},
            {"IPv4-mapped", "::ffff:127.0.0.1", "refused"},
            {"IPv4-mapped", "::ffff:192.168.0.1", "refused"},
            {"IPv4-mapped", "::ffff:8.8.8.8", "allowed"},
            {"IPv4-translated", "::ffff:0:127.0.0.1", "refused"},
            {"IPv4-translated", "::ffff:0:10.1.2.3", "refused"},
            {"IPv4-translated", "::ffff:0:8.8.8.8", "allowed"},
            {"NAT64", "64:ff9b::127.0.0.1", "refused"},
            {"NAT64", "64:ff9b::a9fe:a9fe", "refused"}, // 169.254.169.254, cloud metadata
            {"NAT64", "64:ff9b::8.8.8.8", "allowed"},
            {"NAT64 local use", "64:ff9b:1::808:808", "refused"},
            {"6to4", "2002:7f00:1::1", "refused"}, // 127.0.0.1
            {"6to4", "2002:c0a8:101::1", "refused"}, // 192.168.1.1
            {"6to4", "2002:a00:1::", "refused"}, // 10.0.0.1
            {"6to4", "2002:808:808::1", "allowed"}, // 8.8.8.8
            {"discard", "100::1", "refused"},
            {"discard", "100::808:808", "refused"},
            {"Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "refused"},
        };
        for (String[] row : table) {
            String url = "https://[" + row[1] + "]/hook";
            var refusal = strict.refusal(url);
            if (row[2].equals("refused")) {
                assertThat(refusal).as(row[0] + " " + row[1]).isPresent();
            } else {
                assertThat(refusal).as(row[0] + " " + row[1]).isEmpty();
            }
        }
    }
}
