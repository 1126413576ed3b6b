package cn.gov.birth.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cn.gov.birth.platform.test.TestInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import javax.net.SocketFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TLS to PostgreSQL: a service's data source, configured by the platform defaults with
 * DB_SSL_MODE=verify-full and the CA that scripts/setup-postgres-tls.sh made, talks TLS to the
 * local cluster, which that script (run here, idempotent) has turned TLS on in; a name the
 * certificate does not carry is refused.
 */
class PostgresTlsTest {

    private static final Path ROOT_CERT = RepositoryScripts.ROOT.resolve(".run/postgres-tls/root.crt");
    private static final TestInfrastructure.DatabaseServer SERVER = TestInfrastructure.databaseServer();

    @BeforeAll
    static void turnTlsOnInTheLocalCluster() {
        assumeFalse(TestInfrastructure.useContainers(),
                "the script sets up TLS in the local cluster; the container's PostgreSQL has none");
        RepositoryScripts.run("setup-postgres-tls.sh", Map.of("PG_TLS_ROOT_CERT", ROOT_CERT.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void shouldConnectAServiceDataSourceOverVerifiedTls(String host) {
        TestInfrastructure.freshDatabase("tls_service");
        serviceContext(host).run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            JdbcClient jdbc = JdbcClient.create(dataSource);

            // Any client of a TLS server gets TLS by default (prefer): the service must also verify it.
            assertThat(dataSource.getJdbcUrl()).contains("sslmode=verify-full", "sslrootcert=" + ROOT_CERT);
            assertThat(jdbc.sql("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
                    .query(Boolean.class).single()).isTrue();
        });
    }

    @Test
    void shouldRefuseVerifyFullToANameTheCertificateDoesNotCarry() {
        String url = "jdbc:postgresql://db.not-in-the-certificate.invalid:" + SERVER.port()
                + "/postgres?sslmode=verify-full&sslrootcert=" + ROOT_CERT
                + "&socketFactory=" + ToLoopback.class.getName();

        assertThatThrownBy(() -> DriverManager.getConnection(url, SERVER.user(), SERVER.password()).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db.not-in-the-certificate.invalid could not be verified");
    }

    /** A service as it starts: the platform defaults, its database, DB_SSL_MODE and DB_SSL_ROOT_CERT. */
    private static ApplicationContextRunner serviceContext(String host) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.config.import=classpath:birth-platform-defaults.yml",
                        
                        "birth.database=" + TestInfrastructure.databaseName("tls_service"), "DB_HOST=" + host, "DB_PORT=" + SERVER.port(),
                        "DB_USER=" + SERVER.user(), "DB_PASSWORD=" + SERVER.password(),
                        "DB_SSL_MODE=verify-full", "DB_SSL_ROOT_CERT=" + ROOT_CERT);
    }

    /**
     * Reaches the local server whatever name the URL gives, as a wrong DNS entry would: the
     * driver still checks the certificate against that name.
     */
    public static final class ToLoopback extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            ((InetSocketAddress) endpoint).getPort()), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("the driver makes unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("the driver makes unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("the driver makes unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("the driver makes unconnected sockets");
        }
    }
}
