package cn.gov.birth.platform.table;

import cn.gov.birth.platform.audit.AuditTrail;
import org.mockito.Mockito;
import static cn.gov.birth.platform.table.Column.optional;
import static cn.gov.birth.platform.table.Column.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.platform.crypto.CryptoDatabase;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.crypto.KeyRotation;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.MasterKey;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A table's personal data columns hold their index or their sealed value, and still find and read. */
class ProtectedTableTest {

    private static final String MOTHER = "520102199403121220";
    private static final String HEAD = "52010219650101001X";
    private static CryptoDatabase database;
    private static ColumnProtection protection;
    private static FieldEncryption encryption;

    /** A register of persons: looked up by ID number, the head's compared, the phone read back. */
    static final class Persons extends Dataset {

        record Person(String idNumberIndex, String name, String headIdNumberIndex, String phone) {
        }

        Persons() {
            super(database.jdbc, ProtectedTableTest.protection, Table.of("persons", "person", List.of("idNumber"),
                            required("idNumber").indexed(), required("name"), required("headIdNumber").indexed(),
                            optional("phone").sealed().indexed(), optional("ward"))
                    .fixedOnceSet("ward", "headIdNumber"));
        }

        Optional<Person> find(String idNumber) {
            return byKey(Person.class, idNumber);
        }

        List<Person> withPhone(String phone) {
            return where(Person.class, List.of("phone"), phone);
        }
    }

    private final Persons persons = new Persons();
    /** The import's audit entry is AuditTrailTest's concern: here it goes nowhere. */
    private final TableImport imports = new TableImport(List.of(persons.table()), database.dataSource,
            database.transactions, protection, Mockito.mock(AuditTrail.class), event -> {
    });

    @BeforeAll
    static void database() {
        database = new CryptoDatabase("platform_protected_table");
        byte[] indexKey = new byte[32];
        new SecureRandom().nextBytes(indexKey);
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        encryption = new FieldEncryption(MasterKey.fromBase64("m1", Base64.getEncoder().encodeToString(master)),
                Algorithm.AES_256_GCM, false, Duration.ofSeconds(30), database.jdbc, database.transactions);
        BlindIndex index = new BlindIndex(indexKey);
        protection = new ColumnProtection(encryption, () -> index);
    }

    @BeforeEach
    void emptyPersonTable() {
        database.jdbc.sql("drop table if exists person").update();
        database.jdbc.sql("""
                create table person (id_number_index text primary key, name text not null,
                                     head_id_number_index text not null, phone text, phone_index text, ward text)""")
                .update();
    }

    private void importPersons(String csv) {
        imports.importCsv("persons", new StringReader("idNumber,name,headIdNumber,phone,ward\n" + csv));
    }

    @Test
    void shouldStoreAnIndexedColumnAsItsIndexAloneAndFindTheRowByTheValue() {
        importPersons(MOTHER + ",王芳," + HEAD + ",13900001111,\n");

        Map<String, Object> stored = database.jdbc.sql("select * from person").query().singleRow();
        assertThat(stored.get("id_number_index")).isEqualTo(protection.index(MOTHER));
        assertThat(stored.get("head_id_number_index")).isEqualTo(protection.index(HEAD));
        assertThat(stored.values()).noneMatch(value -> String.valueOf(value).contains(MOTHER.substring(0, 14))
                || String.valueOf(value).contains("13900001111"));
        assertThat(persons.find(MOTHER)).get().satisfies(person -> {
            assertThat(person.name()).isEqualTo("王芳");
            assertThat(person.headIdNumberIndex()).isEqualTo(protection.index(HEAD));
        });
        assertThat(persons.find(HEAD)).isEmpty();
    }

    @Test
    void shouldSealAReadBackColumnForItsPlaceAndOpenItWhenRead() {
        importPersons(MOTHER + ",王芳," + HEAD + ",13900001111,\n");

        String phone = database.jdbc.sql("select phone from person").query(String.class).single();
        assertThat(phone).startsWith("ENC1:");
        assertThat(encryption.open(phone, "person.phone")).isEqualTo("13900001111");
        assertThat(persons.find(MOTHER)).get().extracting(Persons.Person::phone).isEqualTo("13900001111");
        assertThat(persons.withPhone("13900001111")).extracting(Persons.Person::name).containsExactly("王芳");
        assertThat(persons.withPhone("13900002222")).isEmpty();
    }

    @Test
    void shouldUpdateTheRowOfAnIndexedKeyAndCompareFixedColumnsByTheirIndex() {
        importPersons(MOTHER + ",王芳," + HEAD + ",13900001111,W1\n");

        importPersons(MOTHER + ",王芳芳," + HEAD + ",13900002222,W1\n");

        assertThat(persons.find(MOTHER)).get().extracting(Persons.Person::name, Persons.Person::phone)
                .containsExactly("王芳芳", "13900002222");
        assertThatThrownBy(() -> importPersons(MOTHER + ",王芳," + MOTHER + ",,W1\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::code).containsExactly("FIXED_ONCE_USED"));
    }

    @Test
    void shouldGiveItsSealedColumnsToTheKeyRotation() {
        importPersons(MOTHER + ",王芳," + HEAD + ",13900001111,\n");
        assertThat(persons.encryptedColumns())
                .containsExactly(new EncryptedColumn("person", "id_number_index", "phone", "person.phone"));

        KeyRotation.Report report = new KeyRotation(encryption, persons.encryptedColumns(), database.dataSource,
                database.transactions, 10, null).rotate();

        assertThat(report.columns()).extracting(KeyRotation.ColumnCount::reencrypted).containsExactly(1L);
        assertThat(persons.find(MOTHER)).get().extracting(Persons.Person::phone).isEqualTo("13900001111");
    }

    @Test
    void shouldRefuseToDeclareAColumnItCouldNotCompareOrRotate() {
        assertThatThrownBy(() -> Table.of("t", "t", List.of("idNumber"), required("idNumber").sealed()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an index");
        assertThatThrownBy(() -> Table.of("t", "t", List.of("a", "b"), required("a"), required("b"),
                required("phone").sealed())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one-column key");
        assertThatThrownBy(() -> Table.of("t", "t", List.of("a"), required("a"), required("n", Type.INTEGER).indexed()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }
}
