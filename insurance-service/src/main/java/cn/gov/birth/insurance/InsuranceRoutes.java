package cn.gov.birth.insurance;

import cn.gov.birth.insurance.enrollment.PaymentCallbackController;
import cn.gov.birth.insurance.enrollment.TaxChannel;
import cn.gov.birth.platform.security.PartnerRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call insurance-service beyond the platform's own routes (review queue, reference data):
 * the tax payment channel's signed reports.
 */
@Configuration(proxyBeanMethods = false)
class InsuranceRoutes {

    @Bean
    PartnerRoute paymentCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, PaymentCallbackController.PATH, TaxChannel.PARTNER::equals);
    }
}
