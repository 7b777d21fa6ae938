package tenancy.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesTheSecretItHashed() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("horse");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    }

    @Test
    void refusesAnotherSecret() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same secret here")).isNotEqualTo(hasher.hash("same secret here"));
    }

    @Test
    void refusesAHashOfAnotherAlgorithm() {
        assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    }
}
