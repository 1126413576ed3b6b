package cn.gov.birth.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.TopicAccess;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ServiceAclsTest {

    private final List<AclBinding> acls = ServiceAcls.of(TopicAccess.CLIENTS);

    @Test
    void shouldLetAServiceWriteOnlyItsOwnTopicAndTheDeadLettersOfWhatItConsumes() {
        assertThat(grants("User:hukou-service", ResourceType.TOPIC, AclOperation.WRITE))
                .containsExactlyInAnyOrder("birth.hukou.v1", "birth.follow-up-answers.v1", "birth.audit.v1",
                        "birth.application.police.v2.dlt", "birth.birthcert.v1.dlt");
        assertThat(grants("User:notification-service", ResourceType.TOPIC, AclOperation.WRITE))
                .containsExactly("birth.application-status.v1.dlt");
    }

    @Test
    void shouldLetAServiceReadWhatItConsumesInItsOwnGroup() {
        assertThat(grants("User:insurance-service", ResourceType.TOPIC, AclOperation.READ))
                .containsExactlyInAnyOrder("birth.application.medical-insurance.v2", "birth.hukou.v1");
        assertThat(grants("User:insurance-service", ResourceType.GROUP, AclOperation.READ))
                .containsExactly("insurance-service");
        assertThat(acls).filteredOn(acl -> acl.pattern().name().equals("birth.follow-up-answers.v1")
                        && acl.entry().operation() == AclOperation.READ)
                .extracting(acl -> acl.entry().principal()).containsExactly("User:application-service");
    }

    @Test
    void shouldAllowOnlyLiteralNamesAndNeverTheClusterOrCreation() {
        assertThat(acls).allSatisfy(acl -> {
            assertThat(acl.entry().operation()).isIn(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.READ);
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(acl.pattern().name()).doesNotContain("*");
            assertThat(acl.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP);
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
        });
    }

    private List<String> grants(String principal, ResourceType type, AclOperation operation) {
        return acls.stream().filter(acl -> acl.entry().principal().equals(principal))
                .filter(acl -> acl.pattern().resourceType() == type && acl.entry().operation() == operation)
                .map(acl -> acl.pattern().name()).toList();
    }
}
