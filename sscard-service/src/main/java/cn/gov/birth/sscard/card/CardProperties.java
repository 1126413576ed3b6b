package cn.gov.birth.sscard.card;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The card-making banks and their pickup branches. */
@ConfigurationProperties("birth.card")
public record CardProperties(Map<String, String> banks) {

    public CardProperties {
        banks = banks == null ? Map.of() : Map.copyOf(banks);
    }
}
