package cn.gov.birth.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request whose partner signature was verified. */
final class PartnerAuthentication extends AbstractAuthenticationToken {

    private final Partner partner;

    PartnerAuthentication(Partner partner) {
        super(List.of(new SimpleGrantedAuthority("ROLE_PARTNER")));
        this.partner = partner;
        setAuthenticated(true);
    }

    Partner partner() {
        return partner;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return partner;
    }
}
