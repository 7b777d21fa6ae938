package tenancy.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private static SecretHasher withPepper(byte[] pepper) {
        String encoded = Base64.getEncoder().encodeToString(pepper);
        return new SecretHasher(() -> java.util.Optional.of(encoded));
    }

    @Test
    void generatesSecretsOf256RandomBits() {
        SecretHasher hasher = withPepper(new byte[32]);
        String secret = hasher.newSecret();
        assertThat(secret).startsWith("qms_");
        assertThat(Base64.getUrlDecoder().decode(secret.substring(4))).hasSize(32);
        assertThat(hasher.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void hashesDependOnThePepper() {
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(withPepper(new byte[32]).hash("qms_x"))
                .isNotEqualTo(withPepper(other).hash("qms_x"))
                .hasSize(32);
    }

    @Test
    void refusesAShortPepper() {
        assertThatThrownBy(() -> withPepper(new byte[16]))
                .isInstanceOf(platform.config.ConfigurationRefused.class)
                .hasMessageContaining("quartermaster.secrets.pepper");
        assertThatThrownBy(() -> new SecretHasher(java.util.Optional::empty))
                .isInstanceOf(platform.config.ConfigurationRefused.class)
                .hasMessageContaining("quartermaster.secrets.pepper is not set");
    }
}
