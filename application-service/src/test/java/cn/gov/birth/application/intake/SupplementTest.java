package cn.gov.birth.application.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.core.ApplicationRequest.Material;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.web.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SupplementTest {

    private final ApplicationRequest filed = EventCodec.mapper().convertValue(JsonHttp.newFamily(),
            ApplicationRequest.class);

    @Test
    void shouldReplaceTheSectionsBroughtAndKeepTheRestAsFiled() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.putObject("marriage").put("status", "MARRIED").put("certificateNumber", "J520102-2020-000123");

        ApplicationRequest supplemented = Supplement.of(body).limitedTo(Supplement.SUPPLEMENTABLE).applyTo(filed);

        assertThat(supplemented.marriage().certificateNumber()).isEqualTo("J520102-2020-000123");
        assertThat(supplemented.mother()).isEqualTo(filed.mother());
        assertThat(supplemented.newborn()).isEqualTo(filed.newborn());
    }

    @Test
    void shouldAddMaterialsBroughtToThoseFiledReplacingOneOfTheSameType() {
        ApplicationRequest withMaterials = new ApplicationRequest(filed.region(), filed.channel(), filed.items(),
                filed.applicant(), filed.mother(), filed.father(), filed.marriage(), filed.newborn(), filed.household(),
                filed.insurance(), filed.reimbursement(), filed.socialSecurityCard(), filed.delivery(),
                filed.ethnicityConfirmation(), List.of(new Material("HOUSEHOLD_BOOKLET", "doc-1"),
                new Material("MARRIAGE_CERTIFICATE", "doc-2")), filed.promise());
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.putArray("materials").addObject().put("type", "MARRIAGE_CERTIFICATE").put("documentId", "doc-3");

        ApplicationRequest supplemented = Supplement.of(body).limitedTo(Supplement.SUPPLEMENTABLE)
                .applyTo(withMaterials);

        assertThat(supplemented.materials()).containsExactly(new Material("HOUSEHOLD_BOOKLET", "doc-1"),
                new Material("MARRIAGE_CERTIFICATE", "doc-3"));
    }

    @Test
    void shouldRefuseToChangeTheMotherOnAFilingsSupplementButAllowItInACorrection() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        body.set("mother", EventCodec.mapper().valueToTree(filed.mother()));

        assertThatThrownBy(() -> Supplement.of(body).limitedTo(Supplement.SUPPLEMENTABLE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().code())
                        .isEqualTo("NOT_SUPPLEMENTABLE"));
        assertThat(Supplement.of(body).limitedTo(Supplement.CORRECTABLE).sections()).containsExactly("mother");
    }

    @Test
    void shouldRefuseAnEmptySupplementAndAnUnknownSection() {
        ObjectNode unknown = EventCodec.mapper().createObjectNode().put("region", "110000");

        assertThatThrownBy(() -> Supplement.of(EventCodec.mapper().createObjectNode()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Supplement.of(unknown).limitedTo(Supplement.CORRECTABLE))
                .isInstanceOf(InvalidInputException.class);
    }
}
