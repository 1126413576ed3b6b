package cn.gov.birth.platform.audit;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/auditchain} (role OPS like every actuator route): whether the service's audit
 * chain is intact, or the first row where it is not and why. {@code scripts/verify-audit.sh} calls it
 * on every running service.
 */
@Endpoint(id = "auditchain")
public class AuditChainEndpoint {

    private final AuditChain chain;

    public AuditChainEndpoint(AuditChain chain) {
        this.chain = chain;
    }

    @ReadOperation
    public AuditChain.Verification verify() {
        return chain.verify();
    }
}
