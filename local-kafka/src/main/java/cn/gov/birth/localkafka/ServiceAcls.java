package cn.gov.birth.localkafka;

import cn.gov.birth.contracts.TopicAccess.Client;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of the services' principals, derived from {@code TopicAccess}: a service writes its own
 * topics and the dead-letter topics of what it consumes, reads what it consumes, and uses its own
 * consumer group. Nothing else: no wildcard, no prefix, no topic creation (the administrator
 * provisions topics on a secured cluster).
 */
final class ServiceAcls {

    static List<AclBinding> of(List<Client> clients) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Client client : clients) {
            String principal = principal(client.principal());
            for (String topic : client.writes()) {
                for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
                    bindings.add(allow(principal, ResourceType.TOPIC, topic, operation));
                }
            }
            // READ implies DESCRIBE (metadata, offsets).
            client.consumes().forEach(topic -> bindings.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.READ)));
            bindings.add(allow(principal, ResourceType.GROUP, client.group(), AclOperation.READ));
        }
        return bindings;
    }

    static String principal(String user) {
        return "User:" + user;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private ServiceAcls() {
    }
}
