package cn.gov.birth.sscard;

import cn.gov.birth.platform.security.PartnerRoute;
import cn.gov.birth.sscard.bank.BankClient;
import cn.gov.birth.sscard.bank.CardCallbacks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call sscard-service beyond the platform's own routes (review queue, reference data):
 * the card-making banks' signed callbacks.
 */
@Configuration(proxyBeanMethods = false)
class SscardRoutes {

    @Bean
    PartnerRoute cardCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, CardCallbacks.PATH, id -> id.startsWith(BankClient.PARTNER_PREFIX));
    }
}
