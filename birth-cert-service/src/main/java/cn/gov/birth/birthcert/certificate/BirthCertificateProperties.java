package cn.gov.birth.birthcert.certificate;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-region certificate series letters (a region without one uses {@code Z}), and how mailed
 * certificates go: the carrier named to the family and the two letters of its allotted waybill range.
 */
@ConfigurationProperties("birth.birth-certificate")
public record BirthCertificateProperties(Map<String, String> series, int guidanceMonths, Mail mail) {

    public BirthCertificateProperties {
        series = series == null ? Map.of() : Map.copyOf(series);
        guidanceMonths = guidanceMonths <= 0 ? 12 : guidanceMonths;
        if (mail == null || mail.carrier() == null || mail.carrier().isBlank() || mail.waybillPrefix() == null
                || !mail.waybillPrefix().matches("[A-Z]{2}")) {
            throw new IllegalStateException("birth.birth-certificate.mail needs a carrier and a two-letter waybill-prefix");
        }
    }

    public record Mail(String carrier, String waybillPrefix) {
    }

    String seriesOf(String region) {
        return series.getOrDefault(region, "Z");
    }
}
