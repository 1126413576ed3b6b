package cn.gov.birth.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheSecretItMadeForLaterReads() {
        byte[] first = LocalSecrets.secret(dir, "blind-index");

        assertThat(first).hasSize(32);
        assertThat(LocalSecrets.secret(dir, "blind-index")).isEqualTo(first);
        assertThat(LocalSecrets.secret(dir, "partner-master")).isNotEqualTo(first);
    }

    @Test
    void shouldGiveProcessesStartingAtOnceTheSameKeyPair() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<KeyPair>> makers = IntStream.range(0, 8)
                    .<Callable<KeyPair>>mapToObj(i -> () -> LocalSecrets.rsaKeyPair(dir, "jwt-signing")).toList();
            List<byte[]> publicKeys = pool.invokeAll(makers).stream().map(LocalSecretsTest::get)
                    .map(pair -> pair.getPublic().getEncoded()).toList();

            assertThat(publicKeys).allSatisfy(key -> assertThat(key).isEqualTo(publicKeys.getFirst()));
        }
        assertThat(dir.toFile().list()).containsExactly("jwt-signing.pk8");
    }

    private static KeyPair get(Future<KeyPair> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
