import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Quartermaster container image with Jib (no daemon, no Dockerfile) from the fast-jar in
 * target/quarkus-app, in Quarkus' layer order (what changes least first), and writes it as an OCI image
 * archive or pushes it to a registry. Run by the Maven profile {@code image} through deploy/image/build.sh.
 *
 * <pre>java -cp JIB_CLASSPATH ImageBuild APP_DIR BASE TARGET NAME</pre>
 *
 * BASE is {@code tar://base.tar} (the Debian base from build-base.sh) or a registry reference such as
 * {@code registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23}; TARGET is {@code tar://out.tar} or
 * {@code registry://host/repo:tag} (credentials from the Docker/Podman config files).
 */
public class ImageBuild {

    /** The JVM in a container: heap from the container's memory limit, no writes outside /tmp. */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:MaxRAMPercentage=75.0",
            "-XX:InitialRAMPercentage=25.0",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=/tmp",
            "-Dvertx.cacheDirBase=/tmp/vertx-cache",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-Dquarkus.http.host=0.0.0.0");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ImageBuild APP_DIR BASE TARGET NAME");
            System.exit(2);
        }
        Path app = Path.of(args[0]);
        String base = args[1];
        String target = args[2];
        String name = args[3];
        AbsoluteUnixPath home = AbsoluteUnixPath.get("/deployments");

        JibContainerBuilder image = Jib.from(base.startsWith("tar://") ? base : "registry://" + strip(base))
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.now())
                .setUser("185")
                .setWorkingDirectory(home)
                .setExposedPorts(Port.tcp(8080))
                .addEnvironmentVariable("LANG", "C.UTF-8")
                .addLabel("org.opencontainers.image.title", "quartermaster")
                .addLabel("org.opencontainers.image.description", "B2B bulk orders against live inventory")
                .addLabel("org.opencontainers.image.licenses", "Apache-2.0")
                .addLabel("org.opencontainers.image.base.name", base);
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add("java");
        entrypoint.addAll(JVM_FLAGS);
        entrypoint.addAll(List.of("-jar", home.resolve("quarkus-run.jar").toString()));
        image.setEntrypoint(entrypoint);

        layer(image, "libraries", app.resolve("lib/main"), home.resolve("lib/main"));
        layer(image, "boot libraries", app.resolve("lib/boot"), home.resolve("lib/boot"));
        layer(image, "quarkus-run.jar", app.resolve("quarkus-run.jar"), home.resolve("quarkus-run.jar"));
        layer(image, "quarkus", app.resolve("quarkus"), home.resolve("quarkus"));
        layer(image, "application", app.resolve("app"), home.resolve("app"));

        Containerizer containerizer;
        if (target.startsWith("tar://")) {
            Path out = Path.of(target.substring("tar://".length()));
            Files.createDirectories(out.toAbsolutePath().getParent());
            containerizer = Containerizer.to(TarImage.at(out).named(name));
        } else {
            ImageReference reference = ImageReference.parse(strip(target));
            CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(reference, e -> {});
            containerizer = Containerizer.to(RegistryImage.named(reference)
                    .addCredentialRetriever(credentials.dockerConfig())
                    .addCredentialRetriever(credentials.wellKnownCredentialHelpers()));
        }
        Path cache = app.getParent().resolve("image/jib-cache");
        containerizer
                .setToolName("quartermaster-image-build")
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .addEventHandler(LogEvent.class, e -> {
                    if (e.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal() && !e.getMessage().isBlank()) {
                        System.out.println("[jib] " + e.getMessage());
                    }
                });
        JibContainer built = image.containerize(containerizer);
        System.out.println("image " + name + " " + built.getDigest() + " -> " + target);
    }

    private static void layer(JibContainerBuilder image, String name, Path from, AbsoluteUnixPath to)
            throws java.io.IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        if (Files.isDirectory(from)) {
            layer.addEntryRecursive(from, to);
        } else {
            layer.addEntry(from, to);
        }
        image.addFileEntriesLayer(layer.build());
    }

    private static String strip(String reference) {
        return reference.replaceFirst("^(registry|docker)://", "");
    }
}
