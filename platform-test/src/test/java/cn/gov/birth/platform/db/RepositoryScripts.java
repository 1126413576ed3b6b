package cn.gov.birth.platform.db;

import cn.gov.birth.platform.test.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the repository's own set-up scripts (scripts/), so that the tests check what people run. */
final class RepositoryScripts {

    static final Path ROOT = root();

    /** Runs a script against the tests' PostgreSQL as its admin user, with more environment; fails on a non-zero exit. */
    static String run(String script, Map<String, String> environment, String... arguments) {
        var server = TestInfrastructure.databaseServer();
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("DB_HOST", server.host(), "DB_PORT", String.valueOf(server.port()),
                "DB_ADMIN_USER", server.user(), "DB_ADMIN_PASSWORD", server.password()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("scripts/" + script + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/" + script + " (bash, psql and openssl are needed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("scripts/setup-database.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/setup-database.sh above " + Path.of("").toAbsolutePath());
    }

    private RepositoryScripts() {
    }
}
