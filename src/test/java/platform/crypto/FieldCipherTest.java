package platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import platform.config.ConfigurationRefused;
import platform.error.ErrorCode;
import platform.internal.crypto.CryptoConfig;

class FieldCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static FieldCipher cipher(String active, Map<String, String> keys) {
        return new FieldCipher(new CryptoConfig() {
            @Override
            public java.util.Optional<String> activeKey() {
                return java.util.Optional.ofNullable(active);
            }

            @Override
            public Map<String, String> keys() {
                return keys;
            }
        });
    }

    @Test
    void roundTripsAndNamesTheKey() {
        FieldCipher cipher = cipher("k1", Map.of("k1", K1));
        String sealed = cipher.encrypt("DE123456789", "ctx");
        assertThat(sealed).startsWith("v1.k1.").doesNotContain("DE123");
        assertThat(cipher.decrypt(sealed, "ctx")).isEqualTo("DE123456789");
        assertThat(cipher.encrypt("DE123456789", "ctx")).isNotEqualTo(sealed);
    }

    @Test
    void refusesAValueMovedToAnotherContext() {
        FieldCipher cipher = cipher("k1", Map.of("k1", K1));
        String sealed = cipher.encrypt("secret", "row-1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row-2")).isInstanceOf(UndecryptableValue.class);
    }

    @Test
    void aValueUnderTheSameKeyIdWithOtherBytesIsA503NotA500() {
        String stored = cipher("k1", Map.of("k1", K1)).encrypt("DE123456789", "ctx");
        FieldCipher changed = cipher("k1", Map.of("k1", K2));
        assertThatThrownBy(() -> changed.decrypt(stored, "ctx")).isInstanceOfSatisfying(UndecryptableValue.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.code().status()).isEqualTo(503);
            assertThat(e.keyId()).isEqualTo("k1");
            assertThat(e.getMessage()).doesNotContain("DE123");
        });
        assertThat(changed.decryptsTo(stored, "ctx", "DE123456789")).isFalse();
        assertThat(cipher("k1", Map.of("k1", K1)).decryptsTo(stored, "ctx", "DE123456789"))
                .isTrue();
    }

    @Test
    void aValueUnderAnUnknownKeyIdIsA503() {
        String stored = cipher("k1", Map.of("k1", K1)).encrypt("x", "ctx");
        assertThatThrownBy(() -> cipher("k2", Map.of("k2", K2)).decrypt(stored, "ctx"))
                .isInstanceOfSatisfying(
                        UndecryptableValue.class, e -> assertThat(e.keyId()).isEqualTo("k1"));
    }

    @Test
    void decryptsOldValuesAfterRotation() {
        String old = cipher("k1", Map.of("k1", K1)).encrypt("kept", "ctx");
        FieldCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2));
        assertThat(rotated.decrypt(old, "ctx")).isEqualTo("kept");
        assertThat(rotated.needsRotation(old)).isTrue();
        assertThat(rotated.encrypt("new", "ctx")).startsWith("v1.k2.");
    }

    @Test
    void refusesAnActiveKeyThatIsNotConfigured() {
        assertThatThrownBy(() -> cipher("k9", Map.of("k1", K1)))
                .isInstanceOf(ConfigurationRefused.class)
                .hasMessageContaining("quartermaster.crypto.active-key");
    }

    @Test
    void refusesAMissingActiveKeyNamingTheSetting() {
        assertThatThrownBy(() -> cipher(null, Map.of("k1", K1)))
                .isInstanceOf(ConfigurationRefused.class)
                .hasMessageContaining("quartermaster.crypto.active-key is not set");
    }

    @Test
    void refusesAKeyOfTheWrongLengthNamingTheSetting() {
        assertThatThrownBy(() -> cipher("k1", Map.of("k1", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(ConfigurationRefused.class)
                .hasMessageContaining("quartermaster.crypto.keys.k1");
    }
}
