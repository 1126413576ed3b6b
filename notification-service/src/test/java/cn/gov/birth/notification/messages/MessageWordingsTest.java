package cn.gov.birth.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Item;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The wordings are checked when the service starts: a region's file is laid over the default. */
class MessageWordingsTest {

    @Test
    void shouldGiveEveryRegionWithAFileItsWordingAndOthersTheDefault() {
        MessageWordings wordings = new MessageWordings();

        assertThat(wordings.of("620000").completed().get(Item.HUKOU)).contains("3个工作日内");
        assertThat(wordings.of("620000").payment()).isEqualTo(wordings.of("520000").payment());
        assertThat(wordings.of(null)).isEqualTo(wordings.of("999999"));
    }

    @Test
    void shouldHaveAValidWordingOfItsOwnForEveryRegionWithAPolicy() {
        MessageWordings wordings = new MessageWordings();
        MessageWording fallback = wordings.of(MessageWordings.DEFAULT);

        // The regions of application-service's policies/ (api.md: Guizhou, Gansu, Guangxi, Jilin).
        for (String region : List.of("520000", "620000", "450000", "220000")) {
            assertThat(wordings.of(region)).as(region).isNotEqualTo(fallback);
            assertThat(wordings.of(region).officeHours()).as(region).isNotEqualTo(fallback.officeHours());
        }
        assertThat(wordings.of("450000").completed().get(Item.BIRTH_CERT)).contains("授权委托书");
        assertThat(wordings.of("220000").grantedAtHospital()).contains("免申即享", "出院时直接结算");
        assertThat(wordings.of("520000").officeHours()).contains("9:00至12:00");
    }

    @Test
    void shouldRefuseATemplateUsingAPlaceholderItsMessageDoesNotHave() {
        Map<String, Object> document = withDefaultAnd("payment: \"请缴纳{amount}元，户主{headName}\"");

        assertThatThrownBy(() -> MessageWordings.wording("450000.yml", document))
                .hasMessageContaining("450000.yml").hasMessageContaining("payment uses {headName}");
    }

    @Test
    void shouldRefuseAWordingThatCarriesACode() {
        Map<String, Object> document = withDefaultAnd("statuses: {COMPLETED: \"已 COMPLETED\"}");

        assertThatThrownBy(() -> MessageWordings.wording("450000.yml", document))
                .hasMessageContaining("statuses.COMPLETED carries a code");
    }

    @Test
    void shouldCallAnItemByItsNameInTheContractsUnlessTheWordingNamesItOtherwise() {
        Map<String, Object> document = withDefaultAnd("items: {HUKOU: 新生儿入户}");

        MessageWording wording = MessageWordings.wording("450000.yml", document);

        assertThat(wording.items()).containsEntry(Item.HUKOU, "新生儿入户")
                .containsEntry(Item.BIRTH_CERT, Item.BIRTH_CERT.title()).hasSize(Item.values().length);
    }

    @Test
    void shouldRefuseToKeepInAppAKindOfNewsThereIsNot() {
        Map<String, Object> document = withDefaultAnd("inAppOnly: [started, accepted]");

        assertThatThrownBy(() -> MessageWordings.wording("450000.yml", document))
                .hasMessageContaining("inAppOnly names accepted");
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        Map<String, Object> document = withDefaultAnd("greeting: 您好");

        assertThatThrownBy(() -> MessageWordings.wording("450000.yml", document))
                .hasMessageContaining("450000.yml is malformed");
    }

    /** The default document with some top-level keys replaced whole (not merged: to take things away). */
    private static Map<String, Object> withDefaultAnd(String yaml) {
        Map<String, Object> document = new LinkedHashMap<>(new Yaml().load(
                MessageWordingsTest.class.getResourceAsStream("/messages/default.yml")));
        document.putAll(new Yaml().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        return document;
    }
}
