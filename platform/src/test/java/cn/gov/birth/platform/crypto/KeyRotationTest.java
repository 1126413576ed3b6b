package cn.gov.birth.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.MasterKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** After a key rotation every row still reads, and new rows use the new key. */
class KeyRotationTest {

    private static final MasterKey MASTER = MasterKey.fromBase64("m1", FieldEncryptionConfigurationTest.newMasterKey());
    private static final int ROWS = 1_234;
    private static final int BATCH = 500;
    private static final List<EncryptedColumn> COLUMNS = List.of(
            new EncryptedColumn("person", "id", "phone", "person.phone"),
            new EncryptedColumn("person", "id", "address", "person.address"));
    private static CryptoDatabase database;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void database() {
        database = new CryptoDatabase("platform_crypto_rotation");
    }

    @BeforeEach
    void emptyPersonTableAndNoKeys() {
        database.forgetKeys();
        database.jdbc.sql("drop table if exists person").update();
        database.jdbc.sql("create table person (id bigint primary key, phone text, address text)").update();
    }

    @Test
    void shouldReencryptEveryRowUnderTheNewKeySoThatAllStillReadAndNewRowsUseIt() {
        FieldEncryption encryption = encryption(false);
        String first = encryption.activeKeyId();
        insertSealed(encryption, 0, ROWS);
        KeyRotation rotation = rotation(encryption);

        KeyRotation.Report report = rotation.rotate();

        String second = encryption.activeKeyId();
        assertThat(second).isNotEqualTo(first);
        assertThat(report.activeKeyId()).isEqualTo(second);
        assertThat(report.columns()).containsExactly(
                new KeyRotation.ColumnCount("person", "phone", ROWS, 0, 0),
                new KeyRotation.ColumnCount("person", "address", ROWS - withoutAddress(ROWS), 0, 0));
        assertEveryRowReads(encryption, second);
        assertThat(rotation.pending()).extracting(KeyRotation.Pending::notUnderActiveKey).containsOnly(0L);
        assertThat(encryption.seal("13900009999", "person.phone")).startsWith("ENC1:" + second + ":");
        assertThat(database.keys()).isEqualTo(2);
        assertThat(meters.counter("birth.crypto.reencrypted", "table", "person", "column", "phone").count())
                .isEqualTo(ROWS);
        // Another instance, started afresh, reads them too.
        assertEveryRowReads(encryption(false), second);
    }

    @Test
    void shouldDoNoHarmWhenRunAgain() {
        FieldEncryption encryption = encryption(false);
        insertSealed(encryption, 0, ROWS);
        KeyRotation rotation = rotation(encryption);
        rotation.rotate();

        KeyRotation.Report again = rotation.rotate();
        KeyRotation.Report resumed = rotation.reencrypt();

        assertThat(again.columns()).extracting(KeyRotation.ColumnCount::reencrypted)
                .containsExactly((long) ROWS, (long) (ROWS - withoutAddress(ROWS)));
        assertThat(resumed.activeKeyId()).isEqualTo(again.activeKeyId());
        assertThat(resumed.columns()).containsExactly(new KeyRotation.ColumnCount("person", "phone", 0, 0, 0),
                new KeyRotation.ColumnCount("person", "address", 0, 0, 0));
        assertEveryRowReads(encryption, encryption.activeKeyId());
        assertThat(database.keys()).isEqualTo(3);
    }

    @Test
    void shouldFinishAnInterruptedRotation() {
        FieldEncryption encryption = encryption(false);
        insertSealed(encryption, 0, ROWS);
        KeyRotation rotation = rotation(encryption);
        // A new key, and the re-encryption stopped after part of the rows (here: none, then some by hand).
        encryption.rotate();
        database.transactions.executeWithoutResult(status -> database.jdbc
                .sql("select id, phone from person where id < 100")
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(row -> database.jdbc.sql("update person set phone = ? where id = ?")
                        .params(encryption.seal(encryption.open(row.getValue(), "person.phone"), "person.phone"),
                                row.getKey())
                        .update()));
        assertThat(rotation.pending()).extracting(KeyRotation.Pending::notUnderActiveKey)
                .containsExactly((long) ROWS - 100, (long) (ROWS - withoutAddress(ROWS)));

        KeyRotation.Report report = rotation.reencrypt();

        assertThat(report.columns()).extracting(KeyRotation.ColumnCount::reencrypted)
                .containsExactly((long) ROWS - 100, (long) (ROWS - withoutAddress(ROWS)));
        assertEveryRowReads(encryption, encryption.activeKeyId());
    }

    @Test
    void shouldEncryptValuesLeftInTheClearWhenPlaintextIsAccepted() {
        FieldEncryption encryption = encryption(true);
        database.transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 600; i++) {
                database.jdbc.sql("insert into person (id, phone, address) values (?, ?, ?)")
                        .params(i, phone(i), address(i)).update();
            }
        });
        insertSealed(encryption, 600, 700);

        KeyRotation.Report report = rotation(encryption).rotate();

        assertThat(report.columns().getFirst()).isEqualTo(new KeyRotation.ColumnCount("person", "phone", 100, 600, 0));
        assertThat(report.columns().getLast().encrypted()).isEqualTo(600 - withoutAddress(600));
        // Nothing is left in the clear: an instance that accepts no plaintext reads every row.
        assertEveryRowReads(encryption(false), encryption.activeKeyId());
    }

    @Test
    void shouldNameTheColumnsThatHoldAValueInTheClear() {
        FieldEncryption encryption = encryption(false);
        insertSealed(encryption, 0, 5);
        KeyRotation rotation = rotation(encryption);
        assertThat(rotation.columnsWithClearValues()).isEmpty();

        database.jdbc.sql("insert into person (id, phone) values (5, '13912345678')").update();

        assertThat(rotation.columnsWithClearValues()).containsExactly("person.phone");
    }

    @Test
    void shouldLeaveValuesThatDoNotReadAsTheyAreAndCountThem() {
        FieldEncryption encryption = encryption(false);
        insertSealed(encryption, 0, 10);
        database.jdbc.sql("insert into person (id, phone) values (10, '13912345678')").update();
        String altered = encryption.seal(phone(11), "person.address");
        database.jdbc.sql("insert into person (id, phone) values (11, ?)").param(altered).update();

        KeyRotation.Report report = rotation(encryption).rotate();

        assertThat(report.columns().getFirst()).isEqualTo(new KeyRotation.ColumnCount("person", "phone", 10, 0, 2));
        assertThat(database.jdbc.sql("select phone from person where id in (10, 11) order by id").query(String.class)
                .list()).containsExactly("13912345678", altered);
    }

    @Test
    void shouldShowAndRotateThroughTheActuatorEndpoint() {
        FieldEncryption encryption = encryption(false);
        insertSealed(encryption, 0, 20);
        String first = encryption.activeKeyId();
        FieldKeysEndpoint endpoint = new FieldKeysEndpoint(encryption, rotation(encryption));
        encryption.rotate();

        FieldKeysEndpoint.Status status = endpoint.status();

        assertThat(status.activeKey()).isEqualTo(encryption.activeKeyId());
        assertThat(status.algorithm()).isEqualTo("AES_256_GCM");
        assertThat(status.keys()).containsExactlyInAnyOrder(first, encryption.activeKeyId());
        assertThat(status.columns()).containsExactly(new KeyRotation.Pending("person", "phone", 20),
                new KeyRotation.Pending("person", "address", 20 - withoutAddress(20)));

        assertThat(report(endpoint.rotate("resume")).activeKeyId()).isEqualTo(status.activeKey());
        assertThat(endpoint.status().columns()).extracting(KeyRotation.Pending::notUnderActiveKey).containsOnly(0L);
        assertThat(report(endpoint.rotate("rotate")).activeKeyId()).isNotIn(status.keys());
        assertThatThrownBy(() -> endpoint.rotate(null)).isInstanceOf(InvalidEndpointRequestException.class);
        assertThatThrownBy(() -> endpoint.rotate("everything")).isInstanceOf(InvalidEndpointRequestException.class);
        assertThat(endpoint.status().keys()).hasSize(3);
    }

    @Test
    void shouldRefuseARotationWhileAnotherInstanceRotates() throws Exception {
        FieldEncryption encryption = encryption(false);
        FieldKeysEndpoint endpoint = new FieldKeysEndpoint(encryption, rotation(encryption));
        String active = encryption.activeKeyId();
        try (Connection other = database.dataSource.getConnection();
             Statement statement = other.createStatement()) {
            // What KeyRotation holds while it works, taken here as another instance would.
            statement.execute("select pg_advisory_lock(" + 0x6669656c646b6579L + ")");

            WebEndpointResponse<Object> refused = endpoint.rotate("rotate");

            assertThat(refused.getStatus()).isEqualTo(FieldKeysEndpoint.CONFLICT);
            assertThat(encryption.activeKeyId()).isEqualTo(active);
        }
        assertThat(report(endpoint.rotate("rotate")).activeKeyId()).isNotEqualTo(active);
    }

    private static KeyRotation.Report report(WebEndpointResponse<Object> response) {
        assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
        return (KeyRotation.Report) response.getBody();
    }

    private void assertEveryRowReads(FieldEncryption encryption, String keyId) {
        List<Map<String, Object>> rows = database.jdbc.sql("select id, phone, address from person order by id")
                .query().listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            int id = ((Number) row.get("id")).intValue();
            assertThat((String) row.get("phone")).startsWith("ENC1:" + keyId + ":");
            assertThat(encryption.open((String) row.get("phone"), "person.phone")).isEqualTo(phone(id));
            assertThat(encryption.open((String) row.get("address"), "person.address")).isEqualTo(address(id));
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), sealed under the active key; every tenth without an address. */
    private static void insertSealed(FieldEncryption encryption, int from, int to) {
        // One transaction: one connection for all of them.
        database.transactions.executeWithoutResult(status -> {
            for (int i = from; i < to; i++) {
                database.jdbc.sql("insert into person (id, phone, address) values (?, ?, ?)")
                        .params(i, encryption.seal(phone(i), "person.phone"),
                                encryption.seal(address(i), "person.address"))
                        .update();
            }
        });
    }

    private static String phone(int i) {
        return "139%08d".formatted(i);
    }

    private static String address(int i) {
        return i % 10 == 0 ? null : "贵州省贵阳市云岩区中华北路 " + i + " 号";
    }

    /** How many of the rows 0 to {@code rows} have no address. */
    private static int withoutAddress(int rows) {
        return (rows + 9) / 10;
    }

    private FieldEncryption encryption(boolean acceptPlaintext) {
        return new FieldEncryption(MASTER, Algorithm.AES_256_GCM, acceptPlaintext, Duration.ofHours(1), database.jdbc,
                database.transactions);
    }

    private KeyRotation rotation(FieldEncryption encryption) {
        return new KeyRotation(encryption, COLUMNS, database.dataSource, database.transactions, BATCH, meters);
    }
}
