package cn.gov.birth.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.platform.test.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Least privilege: scripts/setup-database.sh, the set-up step of every deployment, gives each
 * service a role that owns its database and may connect to no other. Two services' databases here,
 * behind the tests' prefix: one that start-up created earlier as postgres (with a table and a row),
 * one new.
 */
class ServiceDatabaseRolesTest {

    private static final String APPLICATION = TestInfrastructure.databaseName("roles_test_application");
    private static final String HUKOU = TestInfrastructure.databaseName("roles_test_hukou");
    private static final Map<String, String> PASSWORDS = Map.of(
            APPLICATION, UUID.randomUUID().toString(), HUKOU, UUID.randomUUID().toString());
    private static final TestInfrastructure.DatabaseServer SERVER = TestInfrastructure.databaseServer();

    @BeforeAll
    static void setUpBothServicesWhereOneDatabaseExistsAlready() {
        admin("postgres", jdbc -> {
            for (String name : PASSWORDS.keySet()) {
                jdbc.sql("drop database if exists \"" + name + "\" with (force)").update();
                jdbc.sql("drop role if exists \"" + name + "\"").update();
            }
            jdbc.sql("create database \"" + APPLICATION + "\"").update();
        });
        admin(APPLICATION, jdbc -> {
            jdbc.sql("create table applicant (id bigserial primary key, name text not null)").update();
            jdbc.sql("insert into applicant (name) values ('an earlier run''s row')").update();
        });
        setUp();
    }

    @Test
    void shouldLetAServiceRoleReadAndWriteWhatItsDatabaseHeldBeforeTheSetUp() throws SQLException {
        try (Connection connection = connect(APPLICATION, APPLICATION)) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));

            jdbc.sql("insert into applicant (name) values ('written by the role')").update();

            assertThat(jdbc.sql("select name from applicant order by id").query(String.class).list())
                    .containsExactly("an earlier run's row", "written by the role");
            assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'applicant'")
                    .query(String.class).single()).isEqualTo(APPLICATION);
        }
    }

    @Test
    void shouldRefuseAServiceRoleTheDatabaseOfAnotherService() {
        assertThatThrownBy(() -> connect(HUKOU, APPLICATION).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(APPLICATION, HUKOU).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    @Test
    void shouldGiveAnotherServiceRoleNoRightToConnectOrToReadTheTables() {
        admin(APPLICATION, jdbc -> {
            assertThat(jdbc.sql("select has_database_privilege(?, current_database(), 'connect')")
                    .param(HUKOU).query(Boolean.class).single()).isFalse();
            assertThat(jdbc.sql("select has_table_privilege(?, 'applicant', 'select')")
                    .param(HUKOU).query(Boolean.class).single()).isFalse();
        });
    }

    @Test
    void shouldKeepEverythingAsItWasWhenTheSetUpRunsAgain() throws SQLException {
        setUp();

        try (Connection connection = connect(HUKOU, HUKOU)) {
            assertThat(connection.getMetaData().getUserName()).isEqualTo(HUKOU);
        }
        assertThatThrownBy(() -> connect(HUKOU, APPLICATION).close()).isInstanceOf(SQLException.class);
        admin("postgres", jdbc -> assertThat(jdbc.sql(
                "select pg_get_userbyid(datdba) from pg_database where datname in (?, ?) order by datname")
                .params(APPLICATION, HUKOU).query(String.class).list()).containsExactly(APPLICATION, HUKOU));
    }

    private static void setUp() {
        RepositoryScripts.run("setup-database.sh", Map.of(
                        "DB_PASSWORD_" + APPLICATION.toUpperCase(), PASSWORDS.get(APPLICATION),
                        "DB_PASSWORD_" + HUKOU.toUpperCase(), PASSWORDS.get(HUKOU)),
                APPLICATION, HUKOU);
    }

    private static Connection connect(String role, String database) throws SQLException {
        return DriverManager.getConnection(SERVER.jdbcUrl(database), role, PASSWORDS.get(role));
    }

    private static void admin(String database, Consumer<JdbcClient> work) {
        SingleConnectionDataSource admin = new SingleConnectionDataSource(SERVER.jdbcUrl(database), SERVER.user(),
                SERVER.password(), true);
        try {
            work.accept(JdbcClient.create(admin));
        } finally {
            admin.destroy();
        }
    }
}
