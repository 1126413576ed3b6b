package cn.gov.birth.kit.reference;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.security.Role;
import org.springframework.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import java.util.Locale;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reference data for a department service that owns some ({@link Dataset} beans): the
 * import API, and at start-up an import of the CSV files in the department's folder of the data
 * set in {@code birth.reference-data.dir} ({@code <dir>/health/hospitals.csv}, say): a demo or
 * test data set from the generator; in production, the department's own exports. A file already
 * imported (the same content hash) is not imported again, so a restart is quick.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(Dataset.class)
@Import(ReferenceDataController.class)
public class ReferenceDataConfiguration {

    @Bean
    TableImport referenceData(List<Dataset> datasets, DataSource dataSource, TransactionTemplate transactions,
                              ColumnProtection protection, AuditTrail audit, ApplicationEventPublisher events) {
        return new TableImport(datasets.stream().map(Dataset::table).toList(), dataSource, transactions, protection,
                audit, events);
    }

    /** Uploads are spooled (sealed) under {@code spool-dir} and imported one at a time, {@code queue} waiting at most. */
    @Bean
    ReferenceImports referenceImports(TableImport data, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                                      Clock clock,
                                      @Value("${birth.reference-data.spool-dir}") Path spool,
                                      @Value("${birth.reference-data.queue}") int queue) {
        return new ReferenceImports(data, jdbc, transactionManager, clock, spool, queue, Duration.ofSeconds(2));
    }

    /** A department's reference data is its administrators' alone. */
    @Bean
    AccessRules referenceDataAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/{department}/reference",
                        "/api/v1/departments/{department}/reference/imports",
                        "/api/v1/departments/{department}/reference/imports/{id}")
                .access(Access.ofPathDepartment(Role.DEPT_ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{department}/reference/{dataset}")
                .access(Access.ofPathDepartment(Role.DEPT_ADMIN));
    }

    /**
     * Runs once every bean is made and before anything starts: the Kafka listeners and the web
     * server, so no application is decided on data still being imported.
     */
    @Bean
    SmartInitializingSingleton referenceDataImport(ReferenceImports imports,
                                                   @Value("${birth.reference-data.dir:}") String dir,
                                                   @Value("${birth.department}") Department department) {
        return () -> {
            imports.markAbandoned();
            if (dir.isBlank()) {
                return;
            }
            Path root = Path.of(dir);
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("birth.reference-data.dir is not a folder: " + root.toAbsolutePath());
            }
            Path folder = root.resolve(department.name().toLowerCase(Locale.ROOT));
            try {
                if (Files.isDirectory(folder)) {
                    imports.importFolder(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
