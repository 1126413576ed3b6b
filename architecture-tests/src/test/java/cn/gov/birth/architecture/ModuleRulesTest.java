package cn.gov.birth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of README's "Layout", checked on the compiled classes of every module: the
 * platform knows no domain, services never import each other, the department kit serves only
 * the departments, and no service has a cycle between its packages.
 */
class ModuleRulesTest {

    /** Each service's module and root package. */
    static final Map<String, String> SERVICES = Map.of(
            "gateway-service", "cn.gov.birth.gateway",
            "application-service", "cn.gov.birth.application",
            "notification-service", "cn.gov.birth.notification",
            "birth-cert-service", "cn.gov.birth.birthcert",
            "vaccination-service", "cn.gov.birth.vaccination",
            "hukou-service", "cn.gov.birth.hukou",
            "insurance-service", "cn.gov.birth.insurance",
            "sscard-service", "cn.gov.birth.sscard");
    static final List<String> DEPARTMENTS = List.of("cn.gov.birth.birthcert", "cn.gov.birth.vaccination",
            "cn.gov.birth.hukou", "cn.gov.birth.insurance", "cn.gov.birth.sscard");
    static final List<String> SHARED = List.of("birth-contracts", "birth-security", "platform", "birth-events",
            "department-kit");

    static final JavaClasses CLASSES = importAll();

    @Test
    void platformKnowsNoDomain() {
        noClasses().that().resideInAPackage("cn.gov.birth.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.gov.birth.contracts..",
                        "cn.gov.birth.events..", "cn.gov.birth.kit..")
                .because("the platform is domain-free: events come to it through an EventCatalog")
                .check(CLASSES);
    }

    @Test
    void contractsAreRecordsOnly() {
        noClasses().that().resideInAPackage("cn.gov.birth.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.gov.birth.platform..", "cn.gov.birth.kit..",
                        "cn.gov.birth.events..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void servicesNeverImportEachOther() {
        for (String service : SERVICES.values()) {
            noClasses().that().resideInAPackage(service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().stream()
                            .filter(other -> !other.equals(service)).map(other -> other + "..")
                            .toArray(String[]::new))
                    .check(CLASSES);
        }
    }

    @Test
    void sharedModulesKnowNoService() {
        noClasses().that().resideInAnyPackage("cn.gov.birth.platform..", "cn.gov.birth.kit..",
                        "cn.gov.birth.events..", "cn.gov.birth.contracts..", "cn.gov.birth.security..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.values().stream()
                        .map(service -> service + "..").toArray(String[]::new))
                .check(CLASSES);
    }

    @Test
    void onlyDepartmentsUseTheDepartmentKit() {
        noClasses().that().resideInAnyPackage("cn.gov.birth.application..", "cn.gov.birth.notification..",
                        "cn.gov.birth.gateway..")
                .should().dependOnClassesThat().resideInAPackage("cn.gov.birth.kit..")
                .check(CLASSES);
    }

    @Test
    void noServiceHasACycleBetweenItsPackages() {
        for (String service : SERVICES.values()) {
            // A service of one package (the gateway) has nothing to check.
            slices().matching(service + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(CLASSES);
        }
        for (String shared : List.of("cn.gov.birth.platform", "cn.gov.birth.kit")) {
            slices().matching(shared + ".(*)..").should().beFreeOfCycles().check(CLASSES);
        }
    }

    private static JavaClasses importAll() {
        Path root = Path.of(System.getProperty("birth.root", ".."));
        List<Path> folders = Stream.concat(SERVICES.keySet().stream(), SHARED.stream())
                .map(module -> root.resolve(module).resolve("target/classes"))
                .toList();
        folders.stream().filter(folder -> !Files.isDirectory(folder)).findFirst().ifPresent(missing -> {
            throw new IllegalStateException("No compiled classes in " + missing
                    + ": build the whole project (./mvnw verify) so every module is compiled first");
        });
        return new ClassFileImporter().importPaths(folders);
    }
}
