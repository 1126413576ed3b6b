package cn.gov.birth.birthcert.certificate;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Per-region certificate series letters; a region without one uses {@code Z}. */
@ConfigurationProperties("birth.birth-certificate")
public record BirthCertificateProperties(Map<String, String> series, int guidanceMonths) {

    public BirthCertificateProperties {
        series = series == null ? Map.of() : Map.copyOf(series);
        guidanceMonths = guidanceMonths <= 0 ? 12 : guidanceMonths;
    }

    String seriesOf(String region) {
        return series.getOrDefault(region, "Z");
    }
}
