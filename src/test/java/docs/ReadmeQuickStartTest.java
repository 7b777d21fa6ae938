package docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import testsupport.Api;

/**
 * The README's quick start ({@code ```bash quickstart} block) runs as written against the application:
 * the block is taken from README.md and run by bash with curl and jq, so the README cannot drift from the
 * API. It gets the address and the operator credentials through the variables the block documents.
 */
@QuarkusTest
class ReadmeQuickStartTest {

    @TestHTTPResource("/")
    URL application;

    /** The lines between {@code ```bash quickstart} and the closing fence. */
    static String quickStart(List<String> readme) {
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : readme) {
            if (!inside && line.strip().equals("```bash quickstart")) {
                inside = true;
            } else if (inside && line.strip().equals("```")) {
                return String.join("\n", block) + "\n";
            } else if (inside) {
                block.add(line);
            }
        }
        throw new AssertionError("README.md has no complete ```bash quickstart block");
    }

    @Test
    void theReadmeQuickStartRunsAsWritten() throws Exception {
        Path script = Path.of("target", "readme-quickstart.sh");
        Path output = Path.of("target", "readme-quickstart.out");
        Files.writeString(script, quickStart(Files.readAllLines(Path.of("README.md"))));
        // stricter than a pasted session: any failing command (or pipe) fails the run
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString());
        String base = application.toString().replaceAll("/+$", "");
        bash.environment().put("QM", base);
        bash.environment().put("OPERATOR_ID", Api.OPERATOR_ID);
        bash.environment().put("OPERATOR_SECRET", Api.OPERATOR_SECRET);
        bash.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = bash.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertThat(ended)
                .as("the quick start ends within 5 minutes; it printed:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit status of the quick start; it printed:%n%s", printed)
                .isZero();

        assertThat(printed)
                .as("what the README says you should see")
                .containsPattern("(?m)^client [0-9a-f-]{36}$")
                .contains("{\"created\":2,\"updated\":0}")
                .contains("{\"sku\":\"BOLT-M8\",\"onHand\":5000,\"reserved\":0,\"available\":5000}")
                .contains("{\"sku\":\"NUT-M8\",\"onHand\":5000,\"reserved\":0,\"available\":5000}")
                .containsPattern("\\{\"id\":\"[0-9a-f-]{36}\",\"status\":\"pending\",\"currency\":\"EUR\","
                        + "\"total\":\"12408.00\",\"lineCount\":2}")
                .containsPattern("(?im)^idempotent-replayed: true$")
                .containsPattern("(?m)^1$")
                .contains("{\"sku\":\"BOLT-M8\",\"onHand\":5000,\"reserved\":1200,\"available\":3800}")
                .contains("{\"sku\":\"NUT-M8\",\"onHand\":5000,\"reserved\":800,\"available\":4200}")
                .containsPattern("\\{\"id\":\"[0-9a-f-]{36}\",\"status\":\"cancelled\"}");
        // after the cancel the reservation is gone: the last two lines are the stock as it was
        List<String> lines = printed.lines().toList();
        assertThat(lines.subList(lines.size() - 2, lines.size()))
                .containsExactly(
                        "{\"sku\":\"BOLT-M8\",\"onHand\":5000,\"reserved\":0,\"available\":5000}",
                        "{\"sku\":\"NUT-M8\",\"onHand\":5000,\"reserved\":0,\"available\":5000}");
    }
}
